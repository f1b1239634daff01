package io.tributary.lake.storage.local;

import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A hidden temporary file beside its target; staging forces it to disk. */
final class LocalPendingFile implements PendingFile {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPendingFile.class);

    private final String path;
    private final Path temp;
    private final String token;

    LocalPendingFile(String path, Path temp, String token) {
        this.path = path;
        this.temp = temp;
        this.token = token;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public OutputFile outputFile() {
        return new LocalOutputFile(temp);
    }

    /**
     * @throws FileNotFoundException when the temporary file was deleted meanwhile: the partition's
     *         new owner discarded it because this process lost the partition
     */
    @Override
    public StagedFile stage() throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("Staging file " + temp + " of " + path
                    + " is gone: another owner of its partition discarded it");
        }
        return new StagedFile(path, token);
    }

    @Override
    public void abort() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not delete staging file {}; the next owner of its partition deletes it", temp, e);
        }
    }
}
