/**
 * Single-node cluster, mastership and leadership services.
 */
package org.onosdvr.runtime.cluster;
