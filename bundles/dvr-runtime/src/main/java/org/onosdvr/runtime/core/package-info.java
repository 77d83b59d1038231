/**
 * CoreService of the embedded runtime: durable application ids and id generators.
 */
package org.onosdvr.runtime.core;
