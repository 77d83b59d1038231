package org.onosdvr.nicira;

import org.onlab.packet.IpAddress;
import org.onosproject.net.flow.AbstractExtension;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Common base of our Nicira extensions.
 * <p>
 * Properties are the instance fields of the concrete class, read and written by {@link AbstractExtension}
 * through reflection, exactly like ONOS's driver classes: the field names and Java types are the contract.
 * This base only (1) hides static constants from {@link #getProperties()}, (2) turns a value of the wrong
 * type into an {@link ExtensionPropertyException} naming the property instead of a raw
 * {@link IllegalArgumentException}, and (3) offers a small binary encoding for serialize/deserialize.
 */
abstract class AbstractNiciraExtension extends AbstractExtension {

    @Override
    public <T> void setPropertyValue(String key, T value) throws ExtensionPropertyException {
        try {
            super.setPropertyValue(key, value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionPropertyException("Value " + value + " of type "
                    + (value == null ? "null" : value.getClass().getSimpleName())
                    + " does not fit property " + key + " of " + getClass().getSimpleName(), e);
        }
    }

    @Override
    public List<String> getProperties() {
        List<String> names = new ArrayList<>();
        for (Field field : getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                names.add(field.getName());
            }
        }
        return names;
    }

    /** Writes fields to a binary stream. */
    interface FieldWriter {
        /**
         * Writes the fields.
         *
         * @param out stream
         * @throws IOException never for in-memory streams
         */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads fields from a binary stream. */
    interface FieldReader {
        /**
         * Reads the fields.
         *
         * @param in stream
         * @throws IOException on truncated or malformed input
         */
        void read(DataInputStream in) throws IOException;
    }

    static byte[] encode(FieldWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialization failed", e);
        }
        return bytes.toByteArray();
    }

    void decode(byte[] data, FieldReader reader) {
        if (data == null) {
            throw new IllegalArgumentException("cannot deserialize " + getClass().getSimpleName() + " from null");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after "
                        + getClass().getSimpleName());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed serialized " + getClass().getSimpleName(), e);
        }
    }

    static void writeIp(DataOutputStream out, IpAddress ip) throws IOException {
        if (ip == null) {
            out.writeByte(0);
            return;
        }
        byte[] raw = ip.toOctets();
        out.writeByte(raw.length);
        out.write(raw);
    }

    static IpAddress readIp(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte();
        if (length == 0) {
            return null;
        }
        byte[] raw = new byte[length];
        in.readFully(raw);
        if (length == IpAddress.INET_BYTE_LENGTH) {
            return IpAddress.valueOf(IpAddress.Version.INET, raw);
        }
        if (length == IpAddress.INET6_BYTE_LENGTH) {
            return IpAddress.valueOf(IpAddress.Version.INET6, raw);
        }
        throw new IOException("bad IP address length " + length);
    }
}
