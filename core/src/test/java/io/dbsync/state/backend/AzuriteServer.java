package io.dbsync.state.backend;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite's blob service (installed from npm by .ci/services/install.sh) on a loopback port with
 * a temp --location and one account whose key is random per run (AZURITE_ACCOUNTS).
 */
final class AzuriteServer implements ExecutionCondition, BeforeAllCallback,
    AfterAllCallback {
  static final String ACCOUNT = "dbsynctest";

  private final String accountKey;
  private Path dataDir;
  private TestServers.ServerProcess server;

  AzuriteServer() {
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    accountKey = Base64.getEncoder().encodeToString(key);
  }

  /** Where the server may be installed, most specific first. */
  private static List<Path> candidates() {
    Path root = TestServers.repoRoot();
    List<Path> candidates = new ArrayList<>();
    TestServers.fromEnv("DBSYNC_AZURITE_BIN").ifPresent(candidates::add);
    candidates.add(root.resolve(".ci-work/azurite/node_modules/.bin/azurite-blob"));
    TestServers.onPath("azurite-blob").ifPresent(candidates::add);
    return candidates;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return TestServers.enabledIfInstalled("azurite", candidates());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path bin = TestServers.require("azurite", candidates());
    dataDir = Files.createTempDirectory("dbsync-azurite-");
    server = TestServers.ServerProcess.start("azurite", port -> {
      ProcessBuilder pb = new ProcessBuilder(bin.toString(), "--blobHost", "127.0.0.1",
          "--blobPort", Integer.toString(port), "--location", dataDir.resolve("data").toString(),
          "--skipApiVersionCheck", "--loose", "--silent");
      pb.environment().put("AZURITE_ACCOUNTS", ACCOUNT + ":" + accountKey);
      return pb;
    }, dataDir.resolve("azurite.log"), 60_000);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close();
    }
    TestServers.deleteTree(dataDir);
  }

  /** Azurite addresses the account by path. */
  URI blobEndpoint() {
    return URI.create("http://127.0.0.1:" + server.port() + "/" + ACCOUNT);
  }

  /** The endpoint as a backend file would give it (host and port; the account is appended). */
  String hostEndpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  String accountKey() {
    return accountKey;
  }

  BlobServiceClient client() {
    return new BlobServiceClientBuilder().endpoint(blobEndpoint().toString())
        .credential(new StorageSharedKeyCredential(ACCOUNT, accountKey)).buildClient();
  }

  BlobContainerClient createContainer(String name) {
    BlobContainerClient container = client().getBlobContainerClient(name);
    container.createIfNotExists();
    return container;
  }

  /** A store with its own client, as a separate run would open it. */
  AzureBlobStateStore store(String container, String key) {
    return AzureBlobStateStore.open(new AzureBackendConfig(ACCOUNT, container, key,
        blobEndpoint(), accountKey, null));
  }
}
