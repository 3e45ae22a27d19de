package io.dbsync.state.backend;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * S3Proxy (a real S3 server) in its own JVM on a loopback port, with its in-memory "transient"
 * backend. That backend implements {@code If-None-Match: *} natively and atomically (the new
 * object is hard-linked into place, which fails if the name exists), which the S3 lock relies on,
 * and supports bucket versioning (the filesystem backend does not). Fresh random credentials per
 * run.
 */
final class S3ProxyServer implements ExecutionCondition, BeforeAllCallback,
    AfterAllCallback {
  static final String VERSION = "4.1.0";
  static final String REGION = "us-east-1";

  private final String accessKey = "AKID" + random(8).toUpperCase(java.util.Locale.ROOT);
  private final String secretKey = random(20);
  private Path dataDir;
  private TestServers.ServerProcess server;

  /** Where the server may be installed, most specific first. */
  private static List<Path> candidates() {
    Path root = TestServers.repoRoot();
    List<Path> candidates = new ArrayList<>();
    TestServers.fromEnv("DBSYNC_S3PROXY_JAR").ifPresent(candidates::add);
    candidates.add(root.resolve(".ci-work/s3proxy/s3proxy.jar"));
    candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul",
        "s3proxy", VERSION, "s3proxy-" + VERSION + "-jar-with-dependencies.jar"));
    return candidates;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return TestServers.enabledIfInstalled("s3proxy " + VERSION, candidates());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path jar = TestServers.require("s3proxy " + VERSION, candidates());
    dataDir = Files.createTempDirectory("dbsync-s3proxy-");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = TestServers.ServerProcess.start("s3proxy", port -> {
      Path properties = dataDir.resolve("s3proxy-" + port + ".properties");
      try {
        Files.writeString(properties, String.join("\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=transient",
            "jclouds.identity=" + accessKey,
            "jclouds.credential=" + secretKey) + "\n");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties",
          properties.toString());
      pb.environment().put("LOG_LEVEL", "warn");
      return pb;
    }, dataDir.resolve("s3proxy.log"), 60_000);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close();
    }
    TestServers.deleteTree(dataDir);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The environment a run would have: credentials and region. */
  Map<String, String> env() {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey,
        "AWS_DEFAULT_REGION", REGION);
  }

  /** A client for test setup and inspection (buckets, versions, raw objects). */
  S3Client client() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(REGION))
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /** A store with its own client, as a separate run would open it. */
  S3StateStore store(String bucket, String key) {
    return S3StateStore.open(
        new S3BackendConfig(bucket, key, REGION, endpoint(), true), env());
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
