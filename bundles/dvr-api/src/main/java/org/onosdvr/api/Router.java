package org.onosdvr.api;

import com.google.common.base.MoreObjects;

import java.util.Objects;
import java.util.Optional;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.required;

/**
 * A router: distributed (routes on every node's first hop) or legacy (routes on its gateway node only).
 */
public final class Router {

    /** Largest router key (the key is a 16-bit conntrack zone and metadata tag). */
    public static final int MAX_KEY = 0xffff;

    private final RouterId id;
    private final TenantId tenantId;
    private final String name;
    private final boolean adminStateUp;
    private final boolean distributed;
    private final int key;
    private final ExternalGateway externalGateway;

    private Router(Builder b) {
        this.id = required(b.id, "id");
        this.tenantId = required(b.tenantId, "tenant_id");
        this.name = b.name == null ? "" : b.name;
        this.adminStateUp = b.adminStateUp;
        this.distributed = b.distributed;
        this.key = b.key;
        this.externalGateway = b.externalGateway;
        check(key >= 0 && key <= MAX_KEY, "router key must be in 0..%d (0: allocate): %d", MAX_KEY, key);
    }

    public RouterId id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public boolean adminStateUp() {
        return adminStateUp;
    }

    /** @return true for a distributed (DVR) router, false for a legacy (centralized) one */
    public boolean distributed() {
        return distributed;
    }

    /** @return stable small key: conntrack zone and pipeline metadata tag (0 until the admin service assigns it) */
    public int key() {
        return key;
    }

    public Optional<ExternalGateway> externalGateway() {
        return Optional.ofNullable(externalGateway);
    }

    /** @return true if the router has an external gateway with SNAT enabled */
    public boolean snatEnabled() {
        return externalGateway != null && externalGateway.enableSnat();
    }

    public Builder toBuilder() {
        return builder().id(id).tenantId(tenantId).name(name).adminStateUp(adminStateUp)
                .distributed(distributed).key(key).externalGateway(externalGateway);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Router)) {
            return false;
        }
        Router r = (Router) o;
        return adminStateUp == r.adminStateUp && distributed == r.distributed && key == r.key
                && id.equals(r.id) && tenantId.equals(r.tenantId) && name.equals(r.name)
                && Objects.equals(externalGateway, r.externalGateway);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenantId, name, adminStateUp, distributed, key, externalGateway);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("id", id).add("tenant", tenantId).add("name", name)
                .add("up", adminStateUp).add("distributed", distributed).add("key", key)
                .add("gateway", externalGateway).toString();
    }

    /** Builder of {@link Router}. */
    public static final class Builder {
        private RouterId id;
        private TenantId tenantId;
        private String name;
        private boolean adminStateUp = true;
        private boolean distributed;
        private int key;
        private ExternalGateway externalGateway;

        private Builder() {
        }

        public Builder id(RouterId id) {
            this.id = id;
            return this;
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder adminStateUp(boolean adminStateUp) {
            this.adminStateUp = adminStateUp;
            return this;
        }

        public Builder distributed(boolean distributed) {
            this.distributed = distributed;
            return this;
        }

        public Builder key(int key) {
            this.key = key;
            return this;
        }

        public Builder externalGateway(ExternalGateway externalGateway) {
            this.externalGateway = externalGateway;
            return this;
        }

        /**
         * @return the router
         * @throws IllegalArgumentException on a missing or invalid field
         */
        public Router build() {
            return new Router(this);
        }
    }
}
