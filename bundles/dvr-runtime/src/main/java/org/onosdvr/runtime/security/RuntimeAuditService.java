package org.onosdvr.runtime.security;

import org.onosproject.security.AuditService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * {@link AuditService} of the embedded runtime. onos-cli's {@code AbstractShellCommand} needs one before it
 * runs any command. Like ONOS's audit service, auditing is off by default (property {@code auditEnabled});
 * when on, user actions are logged to the {@code org.onosdvr.audit} logger.
 */
@Component(immediate = true, service = AuditService.class,
        property = RuntimeAuditService.AUDIT_ENABLED + ":Boolean=" + RuntimeAuditService.AUDIT_ENABLED_DEFAULT)
public class RuntimeAuditService implements AuditService {

    /** Property: whether user actions are logged. */
    public static final String AUDIT_ENABLED = "auditEnabled";
    /** Default of {@link #AUDIT_ENABLED}. */
    public static final boolean AUDIT_ENABLED_DEFAULT = false;

    private final Logger audit = LoggerFactory.getLogger("org.onosdvr.audit");

    private volatile boolean enabled = AUDIT_ENABLED_DEFAULT;

    /**
     * Reads the properties.
     *
     * @param properties component properties
     */
    @Activate
    @Modified
    public void modified(Map<String, Object> properties) {
        Object value = properties == null ? null : properties.get(AUDIT_ENABLED);
        enabled = value == null ? AUDIT_ENABLED_DEFAULT : Boolean.parseBoolean(value.toString());
    }

    @Override
    public boolean isAuditing() {
        return enabled;
    }

    @Override
    public void logUserAction(String user, String action) {
        if (enabled) {
            audit.info("user={} action={}", user, action);
        }
    }
}
