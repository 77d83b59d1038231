package org.onosdvr.runtime.store;

import org.onosproject.store.service.Versioned;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Durable storage of one map: a snapshot file plus a write-ahead log of the mutations made since.
 * <p>
 * Every mutation is appended to {@code log} as one framed record {@code [int length][int crc32][payload]}
 * and (with {@code sync}) forced to disk before the caller applies it in memory. Recovery loads
 * {@code snapshot}, then replays the log up to the first incomplete or corrupt record (a write torn by a
 * crash) and truncates the log there. When the log outgrows the snapshot, {@link #compact} writes a new
 * snapshot with {@link AtomicFiles} and empties the log. Records assign values (put, remove, clear) rather
 * than apply deltas, so replaying a log over a snapshot that already contains it yields the same state:
 * a crash between the snapshot rename and the log truncation is harmless.
 */
final class MapLog implements Closeable {

    static final String SNAPSHOT = "snapshot";
    static final String LOG = "log";

    private static final int SNAPSHOT_MAGIC = 0x44564d53;
    private static final int FORMAT = 1;
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 256 * 1024 * 1024;
    private static final byte OP_PUT = 1;
    private static final byte OP_REMOVE = 2;
    private static final byte OP_CLEAR = 3;

    private final Path dir;
    private final boolean sync;
    private final long minCompactBytes;
    private FileChannel log;
    private long logBytes;
    private long snapshotBytes;

    /** State recovered from disk. */
    static final class Recovered {
        final Map<Bytes, Versioned<byte[]>> entries;
        final long lastVersion;
        final long discardedBytes;

        private Recovered(Map<Bytes, Versioned<byte[]>> entries, long lastVersion, long discardedBytes) {
            this.entries = entries;
            this.lastVersion = lastVersion;
            this.discardedBytes = discardedBytes;
        }
    }

    /**
     * Creates the log of a map stored in {@code dir}; {@link #open()} must be called before use.
     *
     * @param dir             directory of this map
     * @param sync            whether each record is forced to disk before the mutation is applied
     * @param minCompactBytes log size below which no compaction happens
     */
    MapLog(Path dir, boolean sync, long minCompactBytes) {
        this.dir = dir;
        this.sync = sync;
        this.minCompactBytes = minCompactBytes;
    }

    /**
     * Recovers the stored state and opens the log for appending.
     *
     * @return recovered entries (in no particular order) and the highest version seen
     * @throws IOException if the snapshot is unreadable or corrupt (never silently dropped)
     */
    Recovered open() throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(SNAPSHOT + AtomicFiles.TEMP_SUFFIX));
        Map<Bytes, Versioned<byte[]>> entries = new LinkedHashMap<>();
        long lastVersion = readSnapshot(entries);
        Path logPath = dir.resolve(LOG);
        byte[] logContent = Files.exists(logPath) ? Files.readAllBytes(logPath) : new byte[0];
        long[] replay = replay(logContent, entries);
        lastVersion = Math.max(lastVersion, replay[1]);
        long valid = replay[0];
        log = FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (valid < logContent.length) {
            log.truncate(valid);
            log.force(true);
        }
        log.position(valid);
        logBytes = valid;
        if (sync) {
            AtomicFiles.syncDirectory(dir);
        }
        return new Recovered(entries, lastVersion, logContent.length - valid);
    }

    private long readSnapshot(Map<Bytes, Versioned<byte[]>> entries) throws IOException {
        byte[] content = AtomicFiles.readIfExists(dir.resolve(SNAPSHOT));
        if (content == null) {
            snapshotBytes = 0;
            return 0;
        }
        snapshotBytes = content.length;
        if (content.length < Long.BYTES) {
            throw new IOException("Snapshot " + dir.resolve(SNAPSHOT) + " is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - Long.BYTES);
        long stored = ByteBuffer.wrap(content, content.length - Long.BYTES, Long.BYTES).getLong();
        if (crc.getValue() != stored) {
            throw new IOException("Snapshot " + dir.resolve(SNAPSHOT) + " fails its checksum");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, 0,
                content.length - Long.BYTES));
        if (in.readInt() != SNAPSHOT_MAGIC || in.readInt() != FORMAT) {
            throw new IOException("Snapshot " + dir.resolve(SNAPSHOT) + " has an unknown format");
        }
        long lastVersion = in.readLong();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            long version = in.readLong();
            long created = in.readLong();
            entries.put(Bytes.wrap(key), new Versioned<>(value, version, created));
        }
        return lastVersion;
    }

    // Applies the valid prefix of the log; returns {valid length, highest version}.
    private static long[] replay(byte[] content, Map<Bytes, Versioned<byte[]>> entries) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        long lastVersion = 0;
        while (buf.remaining() >= HEADER) {
            int start = buf.position();
            int length = buf.getInt();
            int crcValue = buf.getInt();
            if (length < 0 || length > MAX_RECORD || length > buf.remaining()) {
                return new long[]{start, lastVersion};
            }
            CRC32 crc = new CRC32();
            crc.update(content, buf.position(), length);
            if ((int) crc.getValue() != crcValue) {
                return new long[]{start, lastVersion};
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, buf.position(), length));
            buf.position(buf.position() + length);
            lastVersion = Math.max(lastVersion, apply(in, entries));
        }
        return new long[]{buf.position(), lastVersion};
    }

    private static long apply(DataInputStream in, Map<Bytes, Versioned<byte[]>> entries) throws IOException {
        byte op = in.readByte();
        long version = in.readLong();
        switch (op) {
            case OP_PUT:
                byte[] key = readBytes(in);
                byte[] value = readBytes(in);
                long created = in.readLong();
                entries.put(Bytes.wrap(key), new Versioned<>(value, version, created));
                break;
            case OP_REMOVE:
                entries.remove(Bytes.wrap(readBytes(in)));
                break;
            case OP_CLEAR:
                entries.clear();
                break;
            default:
                throw new IOException("Unknown log operation " + op);
        }
        return version;
    }

    /**
     * Durably records that {@code key} now maps to {@code value}.
     *
     * @param key   serialized key
     * @param value new versioned value (serialized; null value allowed)
     * @throws IOException if the record could not be written; the mutation must then not be applied
     */
    void appendPut(byte[] key, Versioned<byte[]> value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(OP_PUT);
        out.writeLong(value.version());
        writeBytes(out, key);
        writeBytes(out, value.value());
        out.writeLong(value.creationTime());
        append(bytes.toByteArray());
    }

    /**
     * Durably records the removal of {@code key}.
     *
     * @param key     serialized key
     * @param version map version of the removal
     * @throws IOException if the record could not be written
     */
    void appendRemove(byte[] key, long version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(OP_REMOVE);
        out.writeLong(version);
        writeBytes(out, key);
        append(bytes.toByteArray());
    }

    /**
     * Durably records that the map was cleared.
     *
     * @param version map version of the clear
     * @throws IOException if the record could not be written
     */
    void appendClear(long version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(OP_CLEAR);
        out.writeLong(version);
        append(bytes.toByteArray());
    }

    private void append(byte[] payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long start = logBytes;
        try {
            while (frame.hasRemaining()) {
                log.write(frame);
            }
            if (sync) {
                log.force(false);
            }
        } catch (IOException e) {
            // Drop whatever part of the record made it, so the log stays a sequence of whole records.
            log.truncate(start);
            log.position(start);
            throw e;
        }
        logBytes = log.position();
    }

    /**
     * Tells whether the log has grown enough to be folded into a new snapshot.
     *
     * @return true if {@link #compact} should be called
     */
    boolean shouldCompact() {
        return logBytes > Math.max(minCompactBytes, snapshotBytes);
    }

    /**
     * Writes a snapshot of the given state and empties the log.
     *
     * @param entries     complete current state
     * @param lastVersion current map version
     * @throws IOException on failure (the previous snapshot and log are then still valid)
     */
    void compact(Map<Bytes, Versioned<byte[]>> entries, long lastVersion) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeInt(FORMAT);
        out.writeLong(lastVersion);
        out.writeInt(entries.size());
        for (Map.Entry<Bytes, Versioned<byte[]>> e : entries.entrySet()) {
            writeBytes(out, e.getKey().data());
            writeBytes(out, e.getValue().value());
            out.writeLong(e.getValue().version());
            out.writeLong(e.getValue().creationTime());
        }
        out.flush();
        CRC32 crc = new CRC32();
        byte[] body = bytes.toByteArray();
        crc.update(body);
        out.writeLong(crc.getValue());
        byte[] content = bytes.toByteArray();
        AtomicFiles.write(dir.resolve(SNAPSHOT), content, sync);
        snapshotBytes = content.length;
        log.truncate(0);
        log.position(0);
        if (sync) {
            log.force(true);
        }
        logBytes = 0;
    }

    /**
     * Returns the current size of the log.
     *
     * @return bytes
     */
    long logBytes() {
        return logBytes;
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        if (data == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(data.length);
            out.write(data);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] data = new byte[length];
        try {
            in.readFully(data);
        } catch (EOFException e) {
            throw new IOException("Record ends inside a field", e);
        }
        return data;
    }
}
