/**
 * Control-plane benchmarks and measurements of onos-dvr: the scale generator, JMH benchmarks of the snapshot
 * build and the full and incremental compile, rule counts per switch and retained heap (docs/performance.md).
 */
package org.onosdvr.bench;
