/**
 * OpenFlow 1.3 controller channel of the embedded runtime: a Netty server, one session per connected switch
 * (handshake, echo keep-alive, xid correlation of requests, errors and replies, back-pressured sends).
 */
package org.onosdvr.openflow.channel;
