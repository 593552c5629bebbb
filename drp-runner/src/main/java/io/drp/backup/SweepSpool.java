package io.drp.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.listing.ListedObject;
import io.drp.storage.BlobAttributes;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The snapshot sweep's plan on local disk, in manifest order: what the point keeps or deletes, and for each
 * object it will copy, the snapshot taken of it. On disk because a point may copy millions of objects and the
 * plan must not grow the heap; kept until the point is done so that snapshots a crash left behind can be found
 * and deleted by the next job.
 *
 * <p>Before a snapshot is taken, an intent line naming its object and mark is written and forced to disk
 * ({@link #intend}): no snapshot of a sweep exists that its plan does not already record. The lines with the
 * snapshot ids follow, buffered, in manifest order, once the snapshots exist.
 */
final class SweepSpool implements AutoCloseable {

    /** One planned line: an entry with no copy to do, or an object to copy from its snapshot. */
    record Planned(ManifestEntry done, ListedObject object, String snapshot) {}

    /** A snapshot about to be taken of this object, with this mark. */
    record Intent(String container, String name, String mark) {}

    private final Path file;
    private final FileChannel channel;
    private final BufferedWriter out;

    private SweepSpool(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the plan's name survives a power cut too, not only its lines
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            // some file systems cannot sync a directory; the lines are still forced
        }
    }

    static SweepSpool create(Path file) {
        try {
            return new SweepSpool(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot sweep's plan " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Records these snapshots before they are taken: on disk (forced) when this returns. */
    synchronized void intend(List<ListedObject> objects, String mark) {
        try {
            for (ListedObject o : objects) {
                ObjectNode n = ManifestCodec.JSON.createObjectNode().put("i", mark).put("c", o.container()).put("n", o.name());
                out.write(ManifestCodec.JSON.writeValueAsString(n));
                out.write('\n');
            }
            out.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot sweep's plan " + file, e);
        }
    }

    synchronized void write(Planned p) {
        ObjectNode n = ManifestCodec.JSON.createObjectNode();
        if (p.done() != null) {
            n.put("e", ManifestCodec.entry(p.done()));
        } else {
            ListedObject o = p.object();
            n.put("c", o.container()).put("n", o.name()).put("z", o.size()).put("t", o.etag()).put("s", p.snapshot());
            BlobAttributes a = o.attributes();
            if (a != null && a.tier() != null) n.put("r", a.tier());
            if (a != null && !a.tags().isEmpty()) {
                ObjectNode tags = n.putObject("g");
                a.tags().forEach(tags::put);
            }
        }
        try {
            out.write(ManifestCodec.JSON.writeValueAsString(n));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot sweep's plan " + file, e);
        }
    }

    /** Ends writing; the plan can then be read back. */
    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot sweep's plan " + file, e);
        }
    }

    /** Streams the plan back in the order it was written, without the intents. */
    static void read(Path file, Consumer<Planned> each) {
        read(file, each, i -> {});
    }

    /** Streams the plan back in the order it was written, each intent to {@code intents}. */
    static void read(Path file, Consumer<Planned> each, Consumer<Intent> intents) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<String> lines = in.lines().iterator();
            long line = 0;
            while (lines.hasNext()) {
                String s = lines.next();
                line++;
                if (s.isBlank()) continue;
                ManifestCodec.Where where = new ManifestCodec.Where(null, line);
                JsonNode n = ManifestCodec.parse(s, where);
                if (n.hasNonNull("i") && n.hasNonNull("c") && n.hasNonNull("n")) {
                    intents.accept(new Intent(n.get("c").asText(), n.get("n").asText(), n.get("i").asText()));
                    continue;
                }
                if (!n.has("e") && !(n.hasNonNull("c") && n.hasNonNull("n") && n.has("z") && n.has("t") && n.has("s"))) {
                    throw damaged(file, "line " + line + " lacks a field");
                }
                each.accept(n.has("e") ? new Planned(ManifestCodec.readEntry(ManifestCodec.parse(n.get("e").asText(), where), where), null, null)
                        : new Planned(null, object(n), n.get("s").isNull() ? null : n.get("s").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot sweep's plan " + file, e);
        } catch (BackupError e) {
            // a line torn by a crash is not valid JSON: what was read before it is still good
            throw damaged(file, e.getMessage());
        }
    }

    private static UncheckedIOException damaged(Path file, String why) {
        return new UncheckedIOException(new IOException("the snapshot sweep's plan " + file + " is damaged: " + why));
    }

    private static ListedObject object(JsonNode n) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (n.has("g")) n.get("g").fields().forEachRemaining(f -> tags.put(f.getKey(), f.getValue().asText()));
        BlobAttributes attrs = new BlobAttributes(null, null, null, null, null, null, null, tags, n.has("r") ? n.get("r").asText() : null);
        return new ListedObject(n.get("c").asText(), n.get("n").asText(), n.get("z").asLong(), n.get("t").asText(), null, Map.of(), attrs);
    }
}
