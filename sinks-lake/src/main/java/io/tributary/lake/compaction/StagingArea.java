package io.tributary.lake.compaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Staging folders of one table's compactions: {@code <lake root>/.tributary-compaction/<table>/<id>/},
 * outside the table folder (readers of {@code <table>/**} never see them) but on the lake's file system,
 * so a staging folder can be exchanged with a partition folder. Before the exchange a journal
 * {@code <id>.json} beside it records the partition folder, the names it held when listed, and the
 * names built for it. Whatever state a killed compaction left, {@link #dispose} finishes it safely:
 * an entry that is in neither list arrived from a writer after the listing (before the exchange it
 * would have been in the partition folder, after it in the staging folder), so it is moved into the
 * partition folder; every other entry is either old content that was swapped out or new content that
 * was never swapped in, and is deleted.
 */
final class StagingArea {

    static final String FOLDER = ".tributary-compaction";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DISPOSE_ATTEMPTS = 5;
    private static final int RETURN_SCANS = 20;

    /** What a staging folder is for; see the class comment. */
    record Journal(String folder, Set<String> listed, Set<String> built) {

        boolean known(String name) {
            return listed.contains(name) || built.contains(name);
        }
    }

    private final Path base;
    private final Path tableFolder;

    StagingArea(Path lakeRoot, String table) {
        this.base = lakeRoot.resolve(FOLDER).resolve(table);
        this.tableFolder = lakeRoot.resolve(table);
    }

    Path base() {
        return base;
    }

    /** A new, empty staging folder. */
    Path create() throws IOException {
        Files.createDirectories(base);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return Files.createDirectory(base.resolve(HexFormat.of().formatHex(id)));
    }

    /** Records the journal durably; must precede the exchange. */
    void record(Path staging, Journal journal) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("folder", journal.folder());
        journal.listed().forEach(root.withArray("listed")::add);
        journal.built().forEach(root.withArray("built")::add);
        Path file = journalOf(staging);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, JSON.writeValueAsBytes(root));
        Durability.forceFile(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durability.forceFolder(base);
    }

    /**
     * Moves every entry of the staging folder that the journal does not know into the partition folder.
     *
     * @return the names moved
     */
    List<String> returnLateEntries(Path staging, Journal journal) throws IOException {
        List<String> moved = new ArrayList<>();
        Path target = tableFolder.resolve(journal.folder());
        boolean again = true;
        for (int scan = 0; again && scan < RETURN_SCANS; scan++) {
            again = false;
            for (String name : names(staging)) {
                if (journal.known(name)) {
                    continue;
                }
                Files.createDirectories(target);
                try {
                    // a plain rename: the entry keeps its inode, so a writer holding it open keeps writing into it
                    Files.move(staging.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    moved.add(name);
                } catch (NoSuchFileException renamedMeanwhile) {
                    // a writer whose rename resolved the folder before the exchange published it under its final
                    // name in here just now: look again
                    again = true;
                }
            }
        }
        if (!moved.isEmpty()) {
            Durability.forceFolder(target);
            Durability.forceFolder(staging);
        }
        return moved;
    }

    /**
     * Returns late entries (when there is a journal; without one the exchange never happened and
     * everything in the folder is ours), deletes the rest, the folder and its journal.
     *
     * @return the names moved into the partition folder
     */
    List<String> dispose(Path staging, Optional<Journal> journal) throws IOException {
        List<String> moved = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            if (journal.isPresent()) {
                moved.addAll(returnLateEntries(staging, journal.get()));
            }
            for (String name : names(staging)) {
                if (journal.isEmpty() || journal.get().known(name)) {
                    Files.deleteIfExists(staging.resolve(name));
                }
            }
            try {
                Files.deleteIfExists(staging);
                break;
            } catch (DirectoryNotEmptyException lateAgain) {
                // a writer that resolved the partition path just before the exchange put something in
                // here after we looked: return it too
                if (attempt >= DISPOSE_ATTEMPTS) {
                    throw lateAgain;
                }
            }
        }
        Files.deleteIfExists(journalOf(staging));
        Durability.forceFolder(base);
        return moved;
    }

    /** What {@link #cleanLeftovers} found of one earlier, interrupted run. */
    record Leftover(Path staging, String folder, List<String> returned) {
    }

    /** Finishes the staging folders an interrupted compaction of the table left (see the class comment). */
    List<Leftover> cleanLeftovers() throws IOException {
        List<Leftover> found = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return found;
        }
        for (String name : names(base)) {
            Path entry = base.resolve(name);
            if (Files.isDirectory(entry)) {
                Optional<Journal> journal = readJournal(journalOf(entry));
                List<String> returned = dispose(entry, journal);
                found.add(new Leftover(entry, journal.map(Journal::folder).orElse(null), returned));
            } else if (name.endsWith(".json") && !Files.isDirectory(base.resolve(name.substring(0, name.length() - 5)))) {
                Files.deleteIfExists(entry); // its staging folder was disposed of, the journal not yet
            } else if (name.startsWith(".")) {
                Files.deleteIfExists(entry); // a journal that was never completed
            }
        }
        return found;
    }

    private Path journalOf(Path staging) {
        return staging.resolveSibling(staging.getFileName() + ".json");
    }

    private static Optional<Journal> readJournal(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.hasNonNull("folder")) {
            throw new IOException("compaction journal " + file + " is not readable; delete it and its staging"
                    + " folder after moving any file that is not in the partition folder back by hand");
        }
        return Optional.of(new Journal(root.get("folder").asText(), strings(root.get("listed")), strings(root.get("built"))));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static List<String> names(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (NoSuchFileException gone) {
            return names;
        }
        names.sort(null);
        return names;
    }
}
