/**
 * OpenFlow 1.3 southbound of the embedded runtime: channel (Netty + openflowj) and FlowRule translation.
 */
package org.onosdvr.openflow;
