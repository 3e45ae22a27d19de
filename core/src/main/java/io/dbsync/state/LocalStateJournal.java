package io.dbsync.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The local state's journal: {@code <state file>.journal}, one record per line, appended and fsynced
 * (readable by the owner only, like the state). A last line without its newline was torn by a crash
 * and is ignored.
 */
final class LocalStateJournal implements StateJournal {
  private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
      StandardOpenOption.APPEND);

  private final Path file;

  LocalStateJournal(Path file) {
    this.file = file;
  }

  @Override
  public void append(List<byte[]> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    ByteBuffer buf = ByteBuffer.wrap(JournalRecords.join(records));
    Files.createDirectories(file.getParent());
    try (FileChannel ch = FileChannel.open(file, APPEND, ownerOnly())) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
  }

  @Override
  public List<byte[]> read() throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return JournalRecords.split(all);
  }

  @Override
  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }
}
