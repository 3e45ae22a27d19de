package io.dbsync.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * State in a local file (the --artifact-dir). Writes go to a temp file in the same folder, are
 * fsynced and renamed over the state with ATOMIC_MOVE, so a crash leaves the old or the new state.
 * The lock is a sibling file created exclusively (CREATE_NEW) that holds the {@link LockInfo} JSON;
 * closing the lock deletes it only if it is still ours.
 */
public final class LocalStateStore implements StateStore {
  /** File name used inside an artifact dir. */
  public static final String STATE_FILE = "databricks-sync.state.json";

  private final Path file;
  private final Path lockFile;

  public LocalStateStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
  }

  /** The store for an artifact dir: {@code <dir>/databricks-sync.state.json}. */
  public static LocalStateStore inDirectory(Path artifactDir) {
    return new LocalStateStore(artifactDir.resolve(STATE_FILE));
  }

  public Path file() {
    return file;
  }

  public Path lockFile() {
    return lockFile;
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(byte[] state) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(ch)) {
        out.write(state);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public StateLock lock(LockInfo info) throws IOException, StateLockedException {
    Files.createDirectories(lockFile.getParent());
    byte[] content = TfJson.MAPPER.writeValueAsBytes(info);
    try {
      Files.write(lockFile, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new StateLockedException(describe(), readHolder());
    }
    return () -> {
      LockInfo holder = readHolder();
      if (holder != null && info.id().equals(holder.id())) {
        Files.deleteIfExists(lockFile);
      }
    };
  }

  @Override
  public void forceUnlock(String lockId) throws IOException {
    LockInfo holder = readHolder();
    if (holder == null || !holder.id().equals(lockId)) {
      throw new LockNotHeldException("no lock with id " + lockId + " on " + describe());
    }
    Files.deleteIfExists(lockFile);
  }

  /** The LockInfo in the lock file, or null when absent or unreadable (half-written). */
  private LockInfo readHolder() {
    try {
      JsonNode n = TfJson.read(Files.readAllBytes(lockFile));
      if (n == null || !n.isObject()) {
        return null;
      }
      return TfJson.MAPPER.treeToValue(n, LockInfo.class);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
