package io.drp.drill;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.AccessTier;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.recovery.CopyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recovered object equals the original in every field an application reads. The check below uses the
 * plain Azure SDK against production and recovery, and none of drp's reading code.
 */
@ExtendWith(Azurite.class)
class ExactRestoreIT {

    /** Everything an application can observe about one object, read with the plain SDK. */
    private static Map<String, Object> observe(StorageAccount account, String container, String name) {
        BlobClient b = account.container(container).getBlobClient(name);
        BlobProperties p = b.getProperties();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bytes", DrillFixture.sha256(b.downloadContent().toBytes()));
        out.put("contentType", p.getContentType());
        out.put("contentEncoding", p.getContentEncoding());
        out.put("contentLanguage", p.getContentLanguage());
        out.put("contentDisposition", p.getContentDisposition());
        out.put("cacheControl", p.getCacheControl());
        out.put("metadata", p.getMetadata());
        out.put("tags", b.getTags());
        out.put("tier", p.getAccessTier());
        return out;
    }

    private static void write(StorageAccount prod, String container, String name, String text, BlobHttpHeaders h,
                              Map<String, String> metadata, Map<String, String> tags, AccessTier tier) {
        prod.container(container).createIfNotExists();
        BlobClient b = prod.container(container).getBlobClient(name);
        b.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString(text)).setHeaders(h).setMetadata(metadata)
                .setTags(tags).setTier(tier), null, null);
    }

    @ParameterizedTest
    @EnumSource(value = CopyMode.class, names = {"STREAM", "SERVER"})
    void headersMetadataTagsAndTierComeBackAsTheOriginalHadThem(CopyMode mode, AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given objects with every kind of attribute, and one whose tags and tier change after the full snapshot
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        write(f.prodWritable, f.media(), "site/index.html", "<html>hi</html>", new BlobHttpHeaders().setContentType("text/html; charset=utf-8")
                .setContentEncoding("identity").setContentLanguage("fr-FR").setContentDisposition("inline; filename=\"index.html\"")
                .setCacheControl("max-age=3600"), Map.of("owner", "web-team", "build", "4.2.1"), Map.of("app", "site"), AccessTier.COOL);
        write(f.prodWritable, f.orders(), "state/order-17.json", "{\"state\":\"paid\"}", new BlobHttpHeaders().setContentType("application/json"),
                Map.of("workflow", "invoiced"), Map.of("customer", "c-17", "region", "eu"), AccessTier.HOT);
        f.backup(BackupJob.Mode.FULL);
        BlobClient moved = f.prodWritable.container(f.orders()).getBlobClient("state/order-17.json");
        moved.setTags(Map.of("customer", "c-17", "region", "eu", "archived-by", "ops"));
        moved.setAccessTier(AccessTier.COLD);
        f.backup(BackupJob.Mode.INCREMENTAL);

        // when the drill restores, streaming or server-side
        DrillReport r = f.drill(null, true, tmp.resolve("r"), mode);

        // then every object is equal to its original in bytes, headers, metadata, tags and tier
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.findings());
        assertEquals(mode.label(), r.evidence().copyMode());
        for (String container : f.containers()) {
            for (var item : f.prodWritable.container(container).listBlobs()) {
                assertEquals(observe(f.prodWritable, container, item.getName()), observe(f.recovery, container, item.getName()),
                        container + "/" + item.getName());
            }
        }
        assertEquals("ops", f.recovery.container(f.orders()).getBlobClient("state/order-17.json").getTags().get("archived-by"),
                "a tags-only change (which keeps the ETag) reached the incremental");
        var replay = r.steps().stream().filter(s -> s.name().equals("replay")).findFirst().orElseThrow();
        assertEquals(0L, ((Number) replay.details().get("puts")).longValue(), "a tags-only change copies no bytes");
    }

    @Test
    void aRecoveredObjectWhoseAttributesDifferIsAMismatchNamingTheProperty(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        write(f.prodWritable, f.media(), "logo.svg", "<svg/>", new BlobHttpHeaders().setContentType("image/svg+xml"), Map.of(), Map.of(), null);
        f.backup(BackupJob.Mode.FULL);
        io.drp.progress.Progress meddle = new io.drp.progress.Progress() {
            public void update(String step, long objects, long total, long bytes) { }
            public void done(String step) {
                if (step.equals("replay")) {
                    f.recovery.container(f.media()).getBlobClient("logo.svg").setHttpHeaders(new BlobHttpHeaders().setContentType("text/plain"));
                }
            }
        };

        DrillReport r = new DrillRunner(f.config, f.session, f.workDir, java.time.Clock.systemUTC(), meddle, io.drp.report.ReportJson::write,
                DrillRunner.targetsFor(f.config)).run(io.drp.testing.TestRequests.drill(null, null, "region-outage", true, tmp.resolve("r"), 2, true));

        assertEquals(Verdict.FAILED, r.verdict());
        assertTrue(r.verdictReason().contains(f.media() + "/logo.svg") && r.verdictReason().contains("contentType"), r.verdictReason());
    }

    @ParameterizedTest
    @EnumSource(value = CopyMode.class, names = {"STREAM", "SERVER"})
    void namesWithEmojiAndPrivateUseCharactersRoundTripAndJoin(CopyMode mode, AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // U+1F600 is a surrogate pair (D83D DE00) and sorts before U+E000 by UTF-16 code unit, after it by code point:
        // the one place where the two orders differ. Manifest order, the join and the emulator's listing must agree.
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.containers().forEach(c -> f.prodWritable.container(c).createIfNotExists());
        for (String n : List.of("a\uE000.txt", "a\uD83D\uDE00.txt", "a\uFFFD.txt", "a~.txt", "a\u00E9.txt", "a\u4E2D.txt")) {
            f.data().put(f.orders(), n, "object " + n);
        }
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "a\uD83D\uDE00.txt", "rewritten");
        f.data().delete(f.orders(), "a\uE000.txt");
        f.backup(BackupJob.Mode.INCREMENTAL);

        DrillReport r = f.drill(null, true, tmp.resolve("r"), mode);

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.integrity().mismatchReasons());
        assertEquals(DrillFixture.contents(f.prodWritable, f.containers()), DrillFixture.contents(f.recovery, f.containers()));
        assertEquals(5, r.integrity().objectsRestored());
    }
}
