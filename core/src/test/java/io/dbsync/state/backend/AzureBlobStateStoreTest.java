package io.dbsync.state.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** AzureBlobStateStore against Azurite, a real Blob service in its own process on loopback. */
class AzureBlobStateStoreTest extends StateStoreContract {
  static final String CONTAINER = "tfstate";

  @RegisterExtension
  static final AzuriteServer AZURITE = new AzuriteServer();

  private static BlobContainerClient container;

  @BeforeAll
  static void container() {
    container = AZURITE.createContainer(CONTAINER);
  }

  @Override
  RemoteStateStore openStore(String key) {
    return AZURITE.store(CONTAINER, key);
  }

  @Test
  void lockIsALeaseWithTheHolderInMetadataClearedOnRelease() throws Exception {
    AzureBlobStateStore store = (AzureBlobStateStore) newStore();
    BlobClient blob = container.getBlobClient(key());
    LockInfo ivan = info("ivan@laptop");
    try (StateLock lock = store.lock(ivan)) {
      assertEquals(LeaseStateType.LEASED, blob.getProperties().getLeaseState());
      String recorded = blob.getProperties().getMetadata().get(AzureBlobStateStore.LOCK_METADATA);
      assertEquals(ivan, LockInfoCodec.fromJson(Base64.getDecoder().decode(recorded))
          .orElseThrow());
      assertEquals(ivan, store.lockHolder().orElseThrow());
      assertTrue(store.read().isEmpty(), "locking a never-written state creates no state");
    }
    assertFalse(blob.getProperties().getMetadata().containsKey(AzureBlobStateStore.LOCK_METADATA));
    assertTrue(LeaseStateType.LEASED != blob.getProperties().getLeaseState());
    assertTrue(store.lockHolder().isEmpty());
  }

  @Test
  void writeByAnotherRunWhileLockedIsRefusedAndNamesTheHolder() throws Exception {
    StateStore owner = newStore();
    owner.write("{\"serial\":1}".getBytes(UTF_8));
    try (StateLock lock = owner.lock(info("judy"))) {
      IOException e = assertThrows(IOException.class,
          () -> newStore().write("{\"serial\":99}".getBytes(UTF_8)));
      assertTrue(e.getMessage().contains("locked by judy"), e.getMessage());
    }
    assertEquals(1, serial(newStore().read().orElseThrow()), "the refused write changed nothing");
  }

  @Test
  void backendFileWithAccessKeyOpensTheStore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("backend.tf");
    Files.writeString(file, """
        terraform {
          backend "azurerm" {
            storage_account_name = "%s"
            container_name       = "%s"
            key                  = "%s"
            endpoint             = "%s"   # Azurite
          }
        }
        """.formatted(AzuriteServer.ACCOUNT, CONTAINER, key(), AZURITE.hostEndpoint()));
    RemoteStateStore store = StateBackends.fromBackendFile(file,
        Map.of("ARM_ACCESS_KEY", AZURITE.accountKey()));
    assertInstanceOf(AzureBlobStateStore.class, store);
    assertEquals(AZURITE.blobEndpoint() + "/" + CONTAINER + "/" + key(), store.describe());
    try (StateLock lock = store.lock(info("ken"))) {
      store.write("{\"serial\":3}".getBytes(UTF_8));
    }
    assertEquals(3, serial(newStore().read().orElseThrow()));
  }

  @Test
  void sasTokenFromTheEnvironmentWorks(@TempDir Path dir) throws Exception {
    String sas = container.generateSas(new BlobServiceSasSignatureValues(
        OffsetDateTime.now().plusHours(1),
        BlobContainerSasPermission.parse("racwdl")));
    Path file = dir.resolve("backend.tf.json");
    Files.writeString(file, """
        {"terraform": [{"backend": [{"azurerm": [{
          "storage_account_name": "%s", "container_name": "%s", "key": "%s",
          "endpoint": "%s"}]}]}]}
        """.formatted(AzuriteServer.ACCOUNT, CONTAINER, key(), AZURITE.blobEndpoint()));
    RemoteStateStore store =
        StateBackends.fromBackendFile(file, Map.of("ARM_SAS_TOKEN", "?" + sas));
    store.write("{\"serial\":11}".getBytes(UTF_8));
    try (StateLock lock = store.lock(info("leo"))) {
      store.write("{\"serial\":12}".getBytes(UTF_8));
    }
    assertEquals(12, serial(newStore().read().orElseThrow()));
    assertFalse(store.describe().contains("sig="), "no SAS in messages: " + store.describe());
  }

  @Test
  void wrongKeyFailsWithAOneLineMessage() {
    String wrongKey = Base64.getEncoder().encodeToString(new byte[64]);
    StateStore store = AzureBlobStateStore.open(new AzureBackendConfig(AzuriteServer.ACCOUNT,
        CONTAINER, key(), AZURITE.blobEndpoint(), wrongKey, null));
    IOException e = assertThrows(IOException.class, store::read);
    assertTrue(e.getMessage().startsWith(store.describe() + ": read failed: HTTP 403"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void missingContainerIsNamed() {
    StateStore store = AZURITE.store("no-such-container", key());
    IOException e = assertThrows(IOException.class, () -> store.write("{}".getBytes(UTF_8)));
    assertTrue(e.getMessage().contains("container does not exist"), e.getMessage());
  }
}
