package io.dbsync.state.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3StateStore against S3Proxy, a real S3 server in its own process on loopback. */
class S3StateStoreTest extends StateStoreContract {
  static final String BUCKET = "dbsync-state";
  static final String VERSIONED = "dbsync-state-versioned";

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  @BeforeAll
  static void buckets() {
    try (S3Client s3 = S3.client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      s3.createBucket(b -> b.bucket(VERSIONED));
      s3.putBucketVersioning(b -> b.bucket(VERSIONED)
          .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
  }

  @Override
  RemoteStateStore openStore(String key) {
    return S3.store(BUCKET, key);
  }

  @Test
  void serverRefusesASecondConditionalCreate() {
    // The lock is only as good as the server's If-None-Match; check the server itself.
    try (S3Client s3 = S3.client()) {
      s3.putObject(b -> b.bucket(BUCKET).key(key() + ".probe").ifNoneMatch("*"),
          RequestBody.fromString("first"));
      S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(
          b -> b.bucket(BUCKET).key(key() + ".probe").ifNoneMatch("*"),
          RequestBody.fromString("second")));
      assertEquals(412, e.statusCode());
      assertEquals("first",
          s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key() + ".probe")).asUtf8String());
    }
  }

  @Test
  void lockObjectHoldsTheHolderAndIsDeletedOnRelease() throws Exception {
    S3StateStore store = (S3StateStore) newStore();
    LockInfo erin = info("erin@ci");
    try (S3Client s3 = S3.client()) {
      try (StateLock lock = store.lock(erin)) {
        String json = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key() + ".lock"))
            .asUtf8String();
        assertEquals(erin, LockInfoCodec.fromJson(json.getBytes(UTF_8)).orElseThrow());
        assertEquals(erin, store.lockHolder().orElseThrow());
      }
      assertThrows(NoSuchKeyException.class,
          () -> s3.getObject(b -> b.bucket(BUCKET).key(key() + ".lock")));
      assertTrue(store.lockHolder().isEmpty());
    }
  }

  @Test
  void releasingABrokenAndRetakenLockLeavesTheNewHolderAlone() throws Exception {
    S3StateStore store = (S3StateStore) newStore();
    StateLock lock = store.lock(info("frank"));
    LockInfo other = info("grace");
    try (S3Client s3 = S3.client()) {
      // Someone force-unlocked and grace took the lock.
      s3.deleteObject(b -> b.bucket(BUCKET).key(key() + ".lock"));
      s3.putObject(b -> b.bucket(BUCKET).key(key() + ".lock"),
          RequestBody.fromBytes(LockInfoCodec.toJson(other)));
    }
    IOException e = assertThrows(IOException.class, lock::close);
    assertTrue(e.getMessage().contains("grace"), e.getMessage());
    assertEquals(other, store.lockHolder().orElseThrow());
  }

  @Test
  void versionedBucketKeepsEveryWrite() throws IOException {
    try (S3StateStore store = S3.store(VERSIONED, key())) {
      for (int serial = 1; serial <= 3; serial++) {
        store.write(("{\"serial\":" + serial + "}").getBytes(UTF_8));
      }
      assertEquals(3, serial(store.read().orElseThrow()));
    }
    try (S3Client s3 = S3.client()) {
      List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket(VERSIONED)
          .prefix(key())).versions().stream().filter(v -> v.key().equals(key())).toList();
      assertEquals(3, versions.size(), "one version per write: " + versions);
    }
  }

  @Test
  void backendFileOpensTheStore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("backend.tf");
    Files.writeString(file, """
        # state for the DR workspace
        terraform {
          backend "s3" {
            bucket         = "%s"
            key            = "%s"
            region         = "eu-west-1" // signing region; s3proxy accepts any
            use_path_style = true
            endpoints {
              s3 = "%s"
            }
          }
        }
        """.formatted(BUCKET, key(), S3.endpoint()));
    try (RemoteStateStore store = StateBackends.fromBackendFile(file, S3.env())) {
      assertInstanceOf(S3StateStore.class, store);
      assertEquals("s3://" + BUCKET + "/" + key(), store.describe());
      store.write("{\"serial\":42}".getBytes(UTF_8));
      assertEquals(42, serial(newStore().read().orElseThrow()));
      try (StateLock lock = store.lock(info("heidi"))) {
        assertEquals("heidi", newStore().lockHolder().orElseThrow().who());
      }
    }
  }

  @Test
  void jsonBackendFileWithLegacyEndpointAndEnvRegion(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("backend.tf.json");
    Files.writeString(file, """
        {"terraform": {"backend": {"s3": {
          "bucket": "%s", "key": "%s", "endpoint": "%s"}}}}
        """.formatted(BUCKET, key(), S3.endpoint()));
    try (RemoteStateStore store = StateBackends.fromBackendFile(file, S3.env())) {
      store.write("{\"serial\":5}".getBytes(UTF_8));
      assertEquals(5, serial(store.read().orElseThrow()));
    }
  }

  @Test
  void wrongCredentialsFailWithAOneLineMessage() {
    Map<String, String> env = new HashMap<>(S3.env());
    env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    try (S3StateStore store = S3StateStore.open(
        new S3BackendConfig(BUCKET, key(), S3ProxyServer.REGION, S3.endpoint(), true), env)) {
      IOException e = assertThrows(IOException.class, store::read);
      assertTrue(e.getMessage().startsWith("s3://" + BUCKET + "/" + key() + ": read failed"),
          e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertTrue(!e.getMessage().contains("not-the-secret"), "no secret in messages");
    }
  }

  @Test
  void missingBucketIsNamed() {
    try (S3StateStore store = S3.store("no-such-bucket", key())) {
      IOException e = assertThrows(IOException.class,
          () -> store.write("{}".getBytes(UTF_8)));
      assertTrue(e.getMessage().contains("bucket \"no-such-bucket\" does not exist"),
          e.getMessage());
    }
  }
}
