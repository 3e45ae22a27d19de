package io.dbsync.state.backend;

import io.dbsync.state.JournalRecords;
import io.dbsync.state.StateJournal;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The journal of a state in S3: each append is one object, {@code <key>.journal/<12-digit sequence>},
 * holding its records one per line; the journal is those objects in key order. A PutObject lands whole
 * or not at all, so no record is torn. Not thread-safe by itself: its one writer, the run holding the
 * state lock, calls it under StateSession's write lock (the state lock is held for every
 * write), so a sequence number is taken once per session from the listing and counted up from there.
 * Cleared with DeleteObjects, 1,000 keys a request.
 */
final class S3StateJournal implements StateJournal {
  /**
   * Appends before the document is rewritten: reading the journal back (after a crash) costs a GET
   * per append, so it is kept to a few hundred; a rewrite per 200 appends still divides the full
   * writes of an apply by about that.
   */
  static final int MAX_APPENDS = 200;
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final BiFunction<String, SdkException, IOException> failure;
  private long next = -1;

  S3StateJournal(S3Client s3, String bucket, String stateKey, BiFunction<String, SdkException, IOException> failure) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = stateKey + ".journal/";
    this.failure = failure;
  }

  @Override
  public void append(List<byte[]> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    if (next < 0) {
      List<String> keys = keys();
      next = keys.isEmpty() ? 0 : sequence(keys.get(keys.size() - 1)) + 1;
    }
    String objectKey = prefix + String.format("%012d", next);
    try {
      s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType("application/x-ndjson"),
          RequestBody.fromBytes(JournalRecords.join(records)));
    } catch (SdkException e) {
      throw failure.apply("journal append", e);
    }
    next++;
  }

  @Override
  public List<byte[]> read() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (String objectKey : keys()) {
      try {
        out.addAll(JournalRecords.split(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey)).asByteArray()));
      } catch (SdkException e) {
        throw failure.apply("journal read", e);
      }
    }
    return out;
  }

  @Override
  public void clear() throws IOException {
    List<String> keys = keys();
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> ids = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      try {
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
      } catch (SdkException e) {
        throw failure.apply("journal clear", e);
      }
    }
  }

  @Override
  public int maxAppends() {
    return MAX_APPENDS;
  }

  /** The journal's object keys, oldest first (the sequence is zero-padded, so key order is append order). */
  private List<String> keys() throws IOException {
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
          .contents()) {
        if (o.key().substring(prefix.length()).matches("\\d{12}")) {
          keys.add(o.key());
        }
      }
    } catch (SdkException e) {
      throw failure.apply("journal listing", e);
    }
    keys.sort(null);
    return keys;
  }

  private long sequence(String objectKey) {
    return Long.parseLong(objectKey.substring(prefix.length()));
  }
}
