package org.onosdvr.api;

import com.google.common.base.MoreObjects;

import java.util.Objects;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.required;

/**
 * A layer-2 network: a tenant overlay (VXLAN, VNI = segment id) or an external (flat provider) network.
 */
public final class Network {

    /** Largest VXLAN network identifier. */
    public static final int MAX_SEGMENT_ID = (1 << 24) - 1;

    private final NetworkId id;
    private final TenantId tenantId;
    private final String name;
    private final int segmentId;
    private final boolean external;

    private Network(Builder b) {
        this.id = required(b.id, "id");
        this.tenantId = required(b.tenantId, "tenant_id");
        this.name = b.name == null ? "" : b.name;
        this.segmentId = b.segmentId;
        this.external = b.external;
        check(segmentId >= 1 && segmentId <= MAX_SEGMENT_ID,
              "segmentation_id must be in 1..%d: %d", MAX_SEGMENT_ID, segmentId);
    }

    /** @return network id */
    public NetworkId id() {
        return id;
    }

    /** @return owning tenant */
    public TenantId tenantId() {
        return tenantId;
    }

    /** @return display name */
    public String name() {
        return name;
    }

    /** @return VXLAN network identifier (for an external network: its key in the pipeline) */
    public int segmentId() {
        return segmentId;
    }

    /** @return true for an external (router:external) network */
    public boolean external() {
        return external;
    }

    /** @return a builder initialised from this network */
    public Builder toBuilder() {
        return builder().id(id).tenantId(tenantId).name(name).segmentId(segmentId).external(external);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Network)) {
            return false;
        }
        Network n = (Network) o;
        return segmentId == n.segmentId && external == n.external && id.equals(n.id)
                && tenantId.equals(n.tenantId) && name.equals(n.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenantId, name, segmentId, external);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("id", id).add("tenant", tenantId).add("name", name)
                .add("segmentId", segmentId).add("external", external).toString();
    }

    /** Builder of {@link Network}. */
    public static final class Builder {
        private NetworkId id;
        private TenantId tenantId;
        private String name;
        private int segmentId;
        private boolean external;

        private Builder() {
        }

        /**
         * @param id network id
         * @return this builder
         */
        public Builder id(NetworkId id) {
            this.id = id;
            return this;
        }

        /**
         * @param tenantId owning tenant
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * @param name display name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param segmentId VNI, 1..2^24-1
         * @return this builder
         */
        public Builder segmentId(int segmentId) {
            this.segmentId = segmentId;
            return this;
        }

        /**
         * @param external true for an external network
         * @return this builder
         */
        public Builder external(boolean external) {
            this.external = external;
            return this;
        }

        /**
         * @return the network
         * @throws IllegalArgumentException on a missing or invalid field
         */
        public Network build() {
            return new Network(this);
        }
    }
}
