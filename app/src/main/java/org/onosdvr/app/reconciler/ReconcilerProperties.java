package org.onosdvr.app.reconciler;

/**
 * Names and defaults of the reconciler's component properties.
 */
public final class ReconcilerProperties {

    /** Period of the full audit (every device re-synchronised), in seconds; 0 disables it. */
    public static final String AUDIT_PERIOD_SEC = "auditPeriodSec";
    /** Default of {@link #AUDIT_PERIOD_SEC}. */
    public static final int AUDIT_PERIOD_SEC_DEFAULT = 10;

    private ReconcilerProperties() {
    }
}
