/**
 * onos-dvr org.onosdvr.pipeline.
 */
package org.onosdvr.pipeline;
