/**
 * SNAT gateway selection (rendezvous hashing) and the component keeping assignments current.
 */
package org.onosdvr.app.gateway;
