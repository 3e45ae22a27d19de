package io.dbsync.cli;

import io.dbsync.crypto.PgpDecryptionKey;
import io.dbsync.kind.workspace.SecretValueFiles;
import io.dbsync.tf.config.RevisionFiles;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * import's secret-value options: the export's encrypted values are decrypted in memory and become the
 * values of the secrets' variables, below TF_VAR_* (and variable files, --var), which still override.
 */
final class SecretImportOptions {
  @Option(names = "--decrypt-with", paramLabel = "KEY",
      description = "OpenPGP secret key file (gpg --armor --export-secret-keys KEY) that reads the secret values "
          + "an export --export-secret-values wrote; they are decrypted in memory only.")
  Path decryptWith;

  @Option(names = "--passphrase-env", paramLabel = "NAME",
      description = "Environment variable holding the passphrase of the --decrypt-with key (none: the key is unprotected).")
  String passphraseEnv;

  /** The environment the import resolves variables from: {@code env} plus the decrypted values under it. */
  Map<String, String> environment(RevisionFiles files, Map<String, String> env, PrintStream err) {
    if (decryptWith == null) {
      if (passphraseEnv != null) {
        throw new UserErrors.BadInput("--passphrase-env is used with --decrypt-with");
      }
      return env;
    }
    char[] passphrase = null;
    if (passphraseEnv != null) {
      String value = env.get(passphraseEnv);
      if (value == null) {
        throw new UserErrors.BadInput("--passphrase-env " + passphraseEnv + ": that environment variable is not set");
      }
      passphrase = value.toCharArray();
    }
    if (files == null) {
      return env; // --destroy reads no revision and sets no secret
    }
    try {
      Map<String, String> values = SecretValueFiles.decrypt(files, PgpDecryptionKey.read(decryptWith, passphrase));
      err.println("Secret values: " + values.size() + " decrypted in memory from the export"
          + " (TF_VAR_* in the environment, variable files and --var take precedence)");
      return SecretValueFiles.underEnvironment(values, env);
    } catch (IOException e) {
      throw new UserErrors.BadInput("secret values: " + e.getMessage(), e);
    }
  }
}
