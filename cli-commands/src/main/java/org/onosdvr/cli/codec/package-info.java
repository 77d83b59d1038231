/**
 * JSON codecs of the DVR model (Neutron-shaped), shared by the REST northbound and the CLI's {@code -j} output.
 * Decoding is strict: unknown fields, wrong types and invalid values are rejected with
 * "missing field X" / "invalid value for X: ..." messages.
 */
package org.onosdvr.cli.codec;
