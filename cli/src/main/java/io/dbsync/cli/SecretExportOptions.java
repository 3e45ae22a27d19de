package io.dbsync.cli;

import io.dbsync.crypto.PgpException;
import io.dbsync.crypto.PgpRecipient;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** export's secret-value options: values leave the workspace only as OpenPGP ciphertext to the given key. */
final class SecretExportOptions {
  @Option(names = "--export-secret-values",
      description = {"Also export secret values, encrypted to --encrypt-to, into exports/secret_scope/values/<scope>.json.asc",
          "(read with secrets/get as a workspace admin, else by a command on a running cluster that returns ciphertext only)."})
  boolean exportValues;

  @Option(names = "--encrypt-to", paramLabel = "KEY.asc",
      description = "OpenPGP public key file (gpg --armor --export KEY) that secret values are encrypted to.")
  Path encryptTo;

  /** The key to encrypt values to, or null when values are not exported. */
  PgpRecipient recipient() {
    if (!exportValues && encryptTo == null) {
      return null;
    }
    if (!exportValues) {
      throw new UserErrors.BadInput("--encrypt-to is used with --export-secret-values");
    }
    if (encryptTo == null) {
      throw new UserErrors.BadInput("--export-secret-values needs --encrypt-to KEY.asc (a public key: gpg --armor --export KEY)");
    }
    try {
      return PgpRecipient.read(encryptTo);
    } catch (PgpException e) {
      throw new UserErrors.BadInput("--encrypt-to: " + e.getMessage(), e);
    }
  }
}
