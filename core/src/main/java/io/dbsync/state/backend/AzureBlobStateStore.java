package io.dbsync.state.backend;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.options.BlobBreakLeaseOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateJournal;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State in one Azure block blob. Put Blob replaces a blob atomically. The lock is an infinite blob
 * lease on the state blob itself (as Terraform's azurerm backend does); the holder's LockInfo is
 * stored base64 JSON in the blob's metadata so a blocked run can name it. While this store holds
 * the lease, writes carry the lease id (the service refuses writes without it) and re-send the
 * lock metadata, because Put Blob replaces metadata. Changes between full writes go to an append
 * blob beside it, {@code <key>.journal} ({@link AzureStateJournal}).
 */
public final class AzureBlobStateStore implements RemoteStateStore {
  static final String LOCK_METADATA = "dbsynclock";
  /** How long a blocked run waits for a new holder to record its LockInfo after leasing. */
  private static final int HOLDER_READ_ATTEMPTS = 20;
  /** Lease takes retried when the holder vanished between our failed acquire and our read. */
  private static final int LOCK_ATTEMPTS = 3;

  private final BlobClient blob;
  private final String where;
  private volatile HeldLease held;
  private final AzureStateJournal journal;

  private record HeldLease(String leaseId, Map<String, String> metadata) {}

  public AzureBlobStateStore(BlobClient blob, String where) {
    this.blob = blob;
    this.where = where;
    this.journal = new AzureStateJournal(blob.getContainerClient().getBlobClient(blob.getBlobName() + ".journal")
        .getAppendBlobClient(), this::failure);
  }

  /** Changes between full writes, as an append blob beside the state blob ({@link AzureStateJournal}). */
  @Override
  public Optional<StateJournal> journal() {
    return Optional.of(journal);
  }

  /** A store with its own client for the config's account, container and key. */
  public static AzureBlobStateStore open(AzureBackendConfig config) {
    BlobServiceClientBuilder builder =
        new BlobServiceClientBuilder().endpoint(config.blobEndpoint().toString());
    if (config.accessKey() != null) {
      builder.credential(
          new StorageSharedKeyCredential(config.storageAccountName(), config.accessKey()));
    } else {
      builder.sasToken(config.sasToken());
    }
    BlobClient blob = builder.buildClient()
        .getBlobContainerClient(config.containerName())
        .getBlobClient(config.key());
    return new AzureBlobStateStore(blob, config.describe());
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    try {
      byte[] data = blob.downloadContent().toBytes();
      // A zero-length blob is the placeholder lock() creates to have something to lease.
      return data.length == 0 ? Optional.empty() : Optional.of(data);
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw failure("read", e);
    } catch (RuntimeException e) {
      throw failure("read", e);
    }
  }

  @Override
  public void write(byte[] state) throws IOException {
    HeldLease lease = held;
    BlockBlobSimpleUploadOptions options =
        new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(state))
            .setHeaders(new BlobHttpHeaders().setContentType("application/json"));
    if (lease != null) {
      options.setRequestConditions(new BlobRequestConditions().setLeaseId(lease.leaseId()))
          .setMetadata(lease.metadata());
    }
    try {
      blob.getBlockBlobClient().uploadWithResponse(options, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 412 && lease == null) {
        Optional<LockInfo> holder = readHolder();
        throw new IOException(describe() + ": write refused: the state is locked by "
            + holder.map(AzureBlobStateStore::name).orElse("another run"), e);
      }
      throw failure("write", e);
    } catch (RuntimeException e) {
      throw failure("write", e);
    }
  }

  @Override
  public StateLock lock(LockInfo info) throws IOException, StateLockedException {
    String leaseId = UUID.randomUUID().toString();
    BlobLeaseClient leases = new BlobLeaseClientBuilder().blobClient(blob).leaseId(leaseId)
        .buildClient();
    acquire(leases);
    Map<String, String> metadata = new HashMap<>();
    metadata.put(LOCK_METADATA, Base64.getEncoder().encodeToString(LockInfoCodec.toJson(info)));
    try {
      blob.setMetadataWithResponse(metadata, new BlobRequestConditions().setLeaseId(leaseId),
          null, Context.NONE);
    } catch (RuntimeException e) {
      try {
        leases.releaseLease();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw failure("lock", e);
    }
    HeldLease lease = new HeldLease(leaseId, Map.copyOf(metadata));
    held = lease;
    return new LeaseLock(lease, leases);
  }

  @Override
  public Optional<LockInfo> lockHolder() throws IOException {
    try {
      BlobProperties props = blob.getProperties();
      if (props.getLeaseState() != LeaseStateType.LEASED) {
        return Optional.empty();
      }
      return decode(props.getMetadata());
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw failure("read lock", e);
    } catch (RuntimeException e) {
      throw failure("read lock", e);
    }
  }

  @Override
  public void forceUnlock(String lockId) throws IOException {
    try {
      BlobProperties props = blob.getProperties();
      if (props.getLeaseState() != LeaseStateType.LEASED) {
        throw new IOException(describe() + ": force-unlock: the state is not locked");
      }
      Optional<LockInfo> holder = decode(props.getMetadata());
      if (holder.isPresent() && !Objects.equals(holder.get().id(), lockId)) {
        throw new IOException(describe() + ": force-unlock: the lock id is " + holder.get().id()
            + " (held by " + holder.get().who() + "), not " + lockId);
      }
      new BlobLeaseClientBuilder().blobClient(blob).buildClient().breakLeaseWithResponse(
          new BlobBreakLeaseOptions().setBreakPeriod(Duration.ZERO), null, Context.NONE);
      Map<String, String> metadata = new HashMap<>(props.getMetadata());
      metadata.remove(LOCK_METADATA);
      blob.setMetadata(metadata);
    } catch (RuntimeException e) {
      throw failure("force-unlock", e);
    }
  }

  @Override
  public String describe() {
    return where;
  }

  /**
   * Takes the lease, or throws naming the holder. A holder that releases between our failed
   * acquire and our look at it, or a blob deleted under us, costs another round, not an error.
   */
  private void acquire(BlobLeaseClient leases) throws IOException, StateLockedException {
    for (int attempt = 1; ; attempt++) {
      try {
        createIfMissing();
        leases.acquireLease(-1);
        return;
      } catch (BlobStorageException e) {
        boolean last = attempt >= LOCK_ATTEMPTS;
        if (e.getStatusCode() == 409) {
          Optional<LockInfo> holder = readHolder();
          if (holder.isPresent() || last || lockHolderState() == LeaseStateType.LEASED) {
            throw new StateLockedException(describe(), holder.orElse(null));
          }
        } else if (!BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode()) || last) {
          throw failure("lock", e);
        }
      } catch (RuntimeException e) {
        throw failure("lock", e);
      }
    }
  }

  private LeaseStateType lockHolderState() throws IOException {
    try {
      return blob.getProperties().getLeaseState();
    } catch (RuntimeException e) {
      throw failure("read lock", e);
    }
  }

  /** The SDK client has nothing to release; present so callers can treat all stores alike. */
  @Override
  public void close() {
    held = null;
  }

  private void createIfMissing() {
    try {
      blob.getBlockBlobClient().uploadWithResponse(
          new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
              .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
          null, Context.NONE);
    } catch (BlobStorageException e) {
      // 409 BlobAlreadyExists, or 412 when it exists and is leased: there is a blob to lease.
      if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
        throw e;
      }
    }
  }

  /**
   * The holder recorded in the metadata. A run that has just taken the lease records itself a
   * moment later, so an absent record is re-read for a short while.
   */
  private Optional<LockInfo> readHolder() throws IOException {
    for (int attempt = 0; attempt < HOLDER_READ_ATTEMPTS; attempt++) {
      Optional<LockInfo> holder;
      try {
        BlobProperties props = blob.getProperties();
        if (props.getLeaseState() != LeaseStateType.LEASED) {
          return Optional.empty();
        }
        holder = decode(props.getMetadata());
      } catch (RuntimeException e) {
        throw failure("read lock", e);
      }
      if (holder.isPresent()) {
        return holder;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<LockInfo> decode(Map<String, String> metadata) {
    String encoded = metadata == null ? null : metadata.get(LOCK_METADATA);
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return LockInfoCodec.fromJson(Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String name(LockInfo holder) {
    return holder.who() + " (" + holder.operation() + ", lock id " + holder.id() + ")";
  }

  private IOException failure(String what, RuntimeException e) {
    String why;
    if (e instanceof BlobStorageException b) {
      why = "HTTP " + b.getStatusCode() + " " + b.getErrorCode();
      if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(b.getErrorCode())) {
        why = "container does not exist";
      }
    } else {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      why = message.lines().findFirst().orElse("");
    }
    return new IOException(describe() + ": " + what + " failed: " + why, e);
  }

  /** The lease we hold; closing clears the lock record and releases the lease. */
  private final class LeaseLock implements StateLock {
    private final HeldLease lease;
    private final BlobLeaseClient leases;
    private final AtomicBoolean released = new AtomicBoolean();

    LeaseLock(HeldLease lease, BlobLeaseClient leases) {
      this.lease = lease;
      this.leases = leases;
    }

    @Override
    public void close() throws IOException {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      if (held == lease) {
        held = null;
      }
      try {
        blob.setMetadataWithResponse(Map.of(),
            new BlobRequestConditions().setLeaseId(lease.leaseId()), null, Context.NONE);
        leases.releaseLease();
      } catch (RuntimeException e) {
        throw failure("unlock", e);
      }
    }
  }
}
