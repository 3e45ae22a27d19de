package io.dbsync.state.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the StateStore a --backend-file names. The store is a {@link RemoteStateStore}: close it
 * when the import is done, and use it for force-unlock.
 */
public final class StateBackends {
  private StateBackends() {}

  /**
   * Reads the backend file (HCL backend.tf or JSON *.tf.json) and opens its store.
   *
   * @param env the environment to take credentials and defaults from (usually System.getenv())
   * @throws InvalidBackendFileException for a malformed file, an unsupported backend type or a
   *     missing required attribute or credential (one-line message)
   */
  public static RemoteStateStore fromBackendFile(Path backendFile, Map<String, String> env)
      throws IOException {
    BackendBlock block = BackendFiles.read(backendFile);
    return switch (block.type()) {
      case "s3" -> S3StateStore.open(S3BackendConfig.from(block, env), env);
      case "azurerm" -> AzureBlobStateStore.open(AzureBackendConfig.from(block, env));
      default -> throw new InvalidBackendFileException(block.source() + ": backend \""
          + block.type() + "\" is not supported (supported: s3, azurerm)");
    };
  }
}
