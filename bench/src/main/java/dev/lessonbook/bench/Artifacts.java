package dev.lessonbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Each function's deployment artifact as {@code sam build} leaves it for {@code sam deploy} (the
 * CodeUri of the built template), checked to be byte for byte the zip Maven packaged
 * (functions/NAME/target/NAME.zip), with its size, its unpacked size and largest jars.
 */
public final class Artifacts {
    /** Issue 19: a function without stripe-java within 12 MB, one with it within 32 MB (Lambda's limit is 50 MB). */
    public static final long LIMIT_BYTES = 12_000_000L;
    public static final long STRIPE_LIMIT_BYTES = 32_000_000L;

    private Artifacts() {}

    public static Map<String, Object> measure(Path root, SamBuild.Built sam) throws IOException {
        Map<String, Object> rows = new LinkedHashMap<>();
        List<Path> functions;
        try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
            functions = dirs.filter(Files::isDirectory).sorted().toList();
        }
        for (Path function : functions) {
            String name = function.getFileName().toString();
            Path zip = function.resolve("target").resolve(name + ".zip");
            if (!Files.exists(zip)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            Path deployed = sam.artifacts().get(logicalId(name));
            if (deployed == null) {
                throw new IllegalStateException("sam build's template has no artifact for " + name);
            }
            row.put("samBuildArtifact", root.relativize(deployed.toAbsolutePath()).toString());
            row.put("sameAsMavenZip", Files.mismatch(deployed, zip) == -1L);
            long size = Files.size(deployed);
            row.put("zipBytes", size);
            row.put("zipMB", Math.round(size / 1e4) / 100.0);
            List<long[]> jarSizes = new ArrayList<>();
            List<String> jarNames = new ArrayList<>();
            long unzipped = 0;
            try (ZipFile file = new ZipFile(deployed.toFile())) {
                for (ZipEntry entry : file.stream().toList()) {
                    unzipped += Math.max(0, entry.getSize());
                    if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                        jarNames.add(entry.getName().substring(4));
                        jarSizes.add(new long[] {entry.getCompressedSize(), jarNames.size() - 1});
                    }
                }
                row.put("jars", jarNames.size());
                // What Lambda unpacks into /var/task (its limit: 250 MB); the jars inside are stored, not deflated.
                row.put("unzippedBytes", unzipped);
            }
            boolean withStripe = jarNames.stream().anyMatch(jar -> jar.startsWith("stripe-java-"));
            row.put("withStripe", withStripe);
            row.put("limitBytes", withStripe ? STRIPE_LIMIT_BYTES : LIMIT_BYTES);
            row.put("withinLimit", size <= (withStripe ? STRIPE_LIMIT_BYTES : LIMIT_BYTES));
            jarSizes.sort(Comparator.comparingLong((long[] a) -> a[0]).reversed());
            Map<String, Object> largest = new LinkedHashMap<>();
            for (long[] jar : jarSizes.subList(0, Math.min(4, jarSizes.size()))) {
                largest.put(jarNames.get((int) jar[1]), jar[0]);
            }
            row.put("largestJarsBytes", largest);
            rows.put(name, row);
        }
        return rows;
    }

    /** put-profile → PutProfile, as template.yaml names the function PutProfileFunction. */
    private static String logicalId(String directory) {
        StringBuilder id = new StringBuilder();
        for (String part : directory.split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.toString();
    }
}
