package io.dbsync.state.backend;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.AppendBlobClient;
import io.dbsync.state.JournalRecords;
import io.dbsync.state.StateJournal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The journal of a state in Azure Blob Storage: an append blob beside the state blob,
 * {@code <name>.journal}, its records one per line. Each append is one or more Append Block calls
 * (a block lands whole, at most {@link #MAX_BLOCK} bytes, split at record boundaries), so a crash
 * tears no record. Cleared by deleting the blob. Not thread-safe by itself: its one writer, the run
 * holding the state lock, calls it under StateSession's write lock.
 */
final class AzureStateJournal implements StateJournal {
  /** An append blob holds at most 50,000 blocks: the document is rewritten well before. */
  static final int MAX_APPENDS = 40_000;
  /** Bytes per Append Block call (the service's limit for every API version). */
  static final int MAX_BLOCK = 4 * 1024 * 1024;

  private final AppendBlobClient journal;
  private final BiFunction<String, RuntimeException, IOException> failure;
  private boolean created;

  AzureStateJournal(AppendBlobClient journal, BiFunction<String, RuntimeException, IOException> failure) {
    this.journal = journal;
    this.failure = failure;
  }

  @Override
  public void append(List<byte[]> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    try {
      if (!created) {
        journal.createIfNotExists();
        created = true;
      }
      for (List<byte[]> block : blocks(records)) {
        byte[] bytes = JournalRecords.join(block);
        journal.appendBlock(new ByteArrayInputStream(bytes), bytes.length);
      }
    } catch (RuntimeException e) {
      throw failure.apply("journal append", e);
    }
  }

  @Override
  public List<byte[]> read() throws IOException {
    try {
      return JournalRecords.split(journal.downloadContent().toBytes());
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return List.of();
      }
      throw failure.apply("journal read", e);
    } catch (RuntimeException e) {
      throw failure.apply("journal read", e);
    }
  }

  @Override
  public void clear() throws IOException {
    try {
      journal.deleteIfExists();
      created = false;
    } catch (RuntimeException e) {
      throw failure.apply("journal clear", e);
    }
  }

  @Override
  public int maxAppends() {
    return MAX_APPENDS;
  }

  /** The records in runs of at most {@link #MAX_BLOCK} bytes (a longer record is a block of its own). */
  static List<List<byte[]>> blocks(List<byte[]> records) {
    List<List<byte[]>> out = new ArrayList<>();
    List<byte[]> current = new ArrayList<>();
    long size = 0;
    for (byte[] r : records) {
      if (!current.isEmpty() && size + r.length + 1 > MAX_BLOCK) {
        out.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(r);
      size += r.length + 1;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
