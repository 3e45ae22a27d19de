package io.dbsync.state.backend;

import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateJournal;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State in one S3 object. A PutObject replaces an object atomically (and adds a version where the
 * bucket has versioning). The lock is a second object, {@code <key>.lock}, created with
 * {@code If-None-Match: *} so that exactly one creator wins; it holds the holder's LockInfo as
 * JSON and is deleted on release. Changes between full writes go to a journal of small objects,
 * {@code <key>.journal/<sequence>} ({@link S3StateJournal}).
 */
public final class S3StateStore implements RemoteStateStore {
  /** Lock takes retried when the lock object vanishes between our failed create and our read. */
  private static final int LOCK_ATTEMPTS = 5;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String lockKey;
  private final S3StateJournal journal;

  public S3StateStore(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.lockKey = key + ".lock";
    this.journal = new S3StateJournal(s3, bucket, key, this::failure);
  }

  /**
   * A store with its own client. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and
   * AWS_SESSION_TOKEN) from env when set, else the SDK's default chain (the backend's profile or
   * AWS_PROFILE, instance roles).
   */
  public static S3StateStore open(S3BackendConfig config, Map<String, String> env) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(config.region()))
        .credentialsProvider(credentials(env, config.profile()))
        .forcePathStyle(config.pathStyle())
        // Plain signed bodies rather than aws-chunked (used over plain HTTP): against S3Proxy,
        // chunked uploads were stored while the client saw the connection fail at the end of
        // the body and retried, writing a duplicate version or hitting 412 on its own lock.
        // State documents are small, so signing the whole body up front costs little.
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()));
    if (config.endpoint() != null) {
      // S3-compatible servers differ in their support for the SDK's default flexible checksums;
      // send and check them only where an operation requires them.
      builder.endpointOverride(config.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return new S3StateStore(builder.build(), config.bucket(), config.key());
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env, String profile) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
      return (profile == null ? chain : chain.profileName(profile)).build();
    }
    String token = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(token == null || token.isBlank()
        ? AwsBasicCredentials.create(id, secret)
        : AwsSessionCredentials.create(id, secret, token));
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    return get(key);
  }

  @Override
  public void write(byte[] state) throws IOException {
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
          RequestBody.fromBytes(state));
    } catch (SdkException e) {
      throw failure("write", e);
    }
  }

  /** Changes between full writes, as objects beside the document ({@link S3StateJournal}). */
  @Override
  public Optional<StateJournal> journal() {
    return Optional.of(journal);
  }

  @Override
  public StateLock lock(LockInfo info) throws IOException, StateLockedException {
    byte[] body = LockInfoCodec.toJson(info);
    for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
      try {
        s3.putObject(b -> b.bucket(bucket).key(lockKey).ifNoneMatch("*")
            .contentType("application/json"), RequestBody.fromBytes(body));
        return new S3Lock(info);
      } catch (S3Exception e) {
        // 412: the lock object exists. 409: a conflicting write or delete of it was in flight.
        if (e.statusCode() != 412 && e.statusCode() != 409) {
          throw failure("lock", e);
        }
      } catch (SdkException e) {
        throw failure("lock", e);
      }
      Optional<byte[]> holderJson = get(lockKey);
      if (holderJson.isPresent()) {
        LockInfo holder = LockInfoCodec.fromJson(holderJson.get()).orElse(null);
        if (holder != null && info.id() != null && info.id().equals(holder.id())) {
          // An SDK retry of our own create can see our first attempt's object.
          return new S3Lock(info);
        }
        throw new StateLockedException(describe(), holder);
      }
    }
    throw new StateLockedException(describe(), null);
  }

  @Override
  public Optional<LockInfo> lockHolder() throws IOException {
    Optional<byte[]> json = get(lockKey);
    return json.flatMap(LockInfoCodec::fromJson);
  }

  @Override
  public void forceUnlock(String lockId) throws IOException {
    Optional<byte[]> json = get(lockKey);
    if (json.isEmpty()) {
      throw new IOException(describe() + ": force-unlock: the state is not locked");
    }
    Optional<LockInfo> holder = LockInfoCodec.fromJson(json.get());
    if (holder.isPresent() && !Objects.equals(holder.get().id(), lockId)) {
      throw new IOException(describe() + ": force-unlock: the lock id is " + holder.get().id()
          + " (held by " + holder.get().who() + "), not " + lockId);
    }
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(lockKey));
    } catch (SdkException e) {
      throw failure("force-unlock", e);
    }
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public void close() {
    s3.close();
  }

  private Optional<byte[]> get(String objectKey) throws IOException {
    try {
      ResponseBytes<GetObjectResponse> bytes =
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey));
      byte[] data = bytes.asByteArray();
      return data.length == 0 ? Optional.empty() : Optional.of(data);
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("read", e);
    }
  }

  private IOException failure(String what, SdkException e) {
    if (e instanceof NoSuchBucketException) {
      return new IOException(describe() + ": " + what + " failed: bucket \"" + bucket
          + "\" does not exist", e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new IOException(describe() + ": " + what + " failed: "
        + message.lines().findFirst().orElse(""), e);
  }

  /** The lock object we created; closing deletes it if it is still ours. */
  private final class S3Lock implements StateLock {
    private final LockInfo info;
    private final AtomicBoolean released = new AtomicBoolean();

    S3Lock(LockInfo info) {
      this.info = info;
    }

    @Override
    public void close() throws IOException {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      Optional<LockInfo> holder = lockHolder();
      if (holder.isEmpty()) {
        return;
      }
      if (info.id() != null && !info.id().equals(holder.get().id())) {
        throw new IOException(describe() + ": lock " + info.id() + " was broken and is now held"
            + " by " + holder.get().who() + " (lock id " + holder.get().id() + "); not releasing");
      }
      try {
        s3.deleteObject(b -> b.bucket(bucket).key(lockKey));
      } catch (SdkException e) {
        throw failure("unlock", e);
      }
    }
  }
}
