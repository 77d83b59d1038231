package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Optional;

/**
 * The codec context of the DVR northbound (REST and CLI): the DVR codecs, a mapper, and optionally the snapshot
 * a request is answered from (to show each fixed IP's subnet, to check a given subnet_id, to infer an external
 * gateway's subnet). It has no services: codecs only translate.
 */
public final class DvrCodecContext implements CodecContext {

    private final ObjectMapper mapper;
    private final DvrSnapshot snapshot;

    /**
     * Creates a context.
     *
     * @param mapper   object mapper
     * @param snapshot snapshot the request works on, null if none
     */
    public DvrCodecContext(ObjectMapper mapper, DvrSnapshot snapshot) {
        this.mapper = mapper;
        this.snapshot = snapshot;
    }

    /**
     * Creates a context with a new mapper.
     *
     * @param snapshot snapshot the request works on, null if none
     * @return context
     */
    public static DvrCodecContext of(DvrSnapshot snapshot) {
        return new DvrCodecContext(new ObjectMapper(), snapshot);
    }

    /** @return the snapshot, if any */
    public Optional<DvrSnapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    @Override
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> entityClass) {
        return DvrCodecs.codec(entityClass);
    }

    @Override
    public <T> T getService(Class<T> serviceClass) {
        throw new UnsupportedOperationException("DVR codecs use no services");
    }
}
