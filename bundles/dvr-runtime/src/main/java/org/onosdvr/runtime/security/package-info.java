/**
 * AuditService of the embedded runtime (needed by onos-cli commands).
 */
package org.onosdvr.runtime.security;
