import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The jars of a Lambda zip's lib/ (docs/decisions.md "Lambda zips: jars stored, the zip deflated"):
 * each runtime jar copied with the same entries, in the same order, with the same bytes and times,
 * but STORED instead of deflated. The zip around them (lambda-zip.xml) then deflates each jar as one
 * stream, which compresses a jar of hundreds of small classes far better than deflating each class
 * on its own: about a quarter less for the AWS SDK's and jackson's jars. The classes are the
 * libraries' own; nothing is added, left out or changed. A signed jar stays valid (its signatures
 * cover the entries' contents, not how they are compressed).
 *
 * <p>Run by the functions' build (functions/pom.xml, profile lambda-zip) with the Java source
 * launcher: {@code java StoredJars.java OUTPUT_DIR CLASSPATH}, CLASSPATH being the function's
 * runtime class path from {@code dependency:build-classpath} (jars only: the function's own classes
 * go to the zip's root). OUTPUT_DIR is emptied first, so a jar dropped from the class path does not
 * linger in the next zip.
 */
public final class StoredJars {
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: java StoredJars.java OUTPUT_DIR [CLASSPATH]");
        }
        Path output = Path.of(args[0]);
        empty(output);
        List<Path> jars = new ArrayList<>();
        if (args.length == 2 && !args[1].isBlank()) {
            for (String entry : args[1].split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!Files.isRegularFile(jar) || !entry.endsWith(".jar")) {
                    throw new IllegalArgumentException("not a jar (package the module it comes from first): " + entry);
                }
                jars.add(jar);
            }
        }
        for (Path jar : jars) {
            Path target = output.resolve(jar.getFileName().toString());
            if (Files.exists(target)) {
                throw new IllegalArgumentException("two jars named " + jar.getFileName() + " on the class path");
            }
            store(jar, target);
        }
    }

    /** {@code jar}'s entries, each as it is in the jar but STORED, into {@code target}. */
    static void store(Path jar, Path target) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile());
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream content = in.getInputStream(entry)) {
                    bytes = content.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry stored = new ZipEntry(entry.getName());
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(bytes.length);
                stored.setCompressedSize(bytes.length);
                stored.setCrc(crc.getValue());
                stored.setTime(entry.getTime());
                out.putNextEntry(stored);
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    private static void empty(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
    }
}
