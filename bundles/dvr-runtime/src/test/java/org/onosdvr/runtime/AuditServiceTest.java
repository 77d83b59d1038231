package org.onosdvr.runtime;

import org.junit.Test;
import org.onosdvr.runtime.security.RuntimeAuditService;

import java.util.Map;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Auditing follows its component property.
 */
public class AuditServiceTest {

    @Test
    public void auditingFollowsProperty() {
        RuntimeAuditService audit = new RuntimeAuditService();
        audit.modified(Map.of());
        assertFalse(audit.isAuditing());
        audit.modified(Map.of(RuntimeAuditService.AUDIT_ENABLED, "true"));
        assertTrue(audit.isAuditing());
        audit.logUserAction("onos", "dvr-routers");
    }
}
