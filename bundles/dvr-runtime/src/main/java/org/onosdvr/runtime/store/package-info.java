/**
 * Durable single-node StorageService: write-ahead-logged consistent maps, counters, id generators, values.
 */
package org.onosdvr.runtime.store;
