package io.dbsync.emulator.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.auth.Principal;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.secrets.SecretsFamily;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * databricks-sync's secret-values command (Python that reads a scope's values with
 * dbutils.secrets.get and pipes them into {@code gpg --encrypt} to a public key it carries), run
 * faithfully: each value is read as the calling principal would read it on a cluster (READ on the
 * scope, admins or not), the same document is built and encrypted with OpenPGP to the carried key,
 * and the command prints the armored ciphertext — never a value. Recognised by its base64 spec line,
 * the dbutils.secrets.get call and the gpg invocation; a failing read is the error a notebook shows.
 */
final class SecretValuesScript {
  private static final Pattern SPEC = Pattern.compile("spec = json\\.loads\\(base64\\.b64decode\\(\"([A-Za-z0-9+/=]+)\"\\)");

  private final Workspace workspace;

  SecretValuesScript(Workspace workspace) {
    this.workspace = workspace;
  }

  static boolean recognises(String code) {
    return SPEC.matcher(code).find() && code.contains("dbutils.secrets.get(spec[\"scope\"], s[\"key\"])")
        && code.contains("\"--recipient-file\"") && code.contains("\"--encrypt\"");
  }

  ObjectNode run(String code, Principal caller) {
    Matcher m = SPEC.matcher(code);
    if (!m.find()) {
      return PythonScripts.error("NotImplementedError", "the emulator does not run this code");
    }
    JsonNode spec = Json.parse(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    String scope = Json.text(spec, "scope");
    ObjectNode document = Json.object().put("scope", scope);
    ArrayNode items = document.putArray("secrets");
    SecretsFamily secrets = workspace.family(SecretsFamily.class);
    for (JsonNode s : spec.path("secrets")) {
      byte[] value;
      try {
        value = secrets.readOnCluster(caller, scope, Json.text(s, "key"));
      } catch (ApiException e) {
        return PythonScripts.error("com.databricks.dbutils_v1.DBUtilsException", e.getMessage());
      }
      items.addObject().put("key", Json.text(s, "key")).put("variable", Json.text(s, "variable"))
          .put("value", new String(value, StandardCharsets.UTF_8));
    }
    try {
      byte[] ciphertext = encrypt(Json.text(spec, "recipient").getBytes(StandardCharsets.US_ASCII),
          document.toString().getBytes(StandardCharsets.UTF_8));
      return PythonScripts.text(new String(ciphertext, StandardCharsets.US_ASCII));
    } catch (IOException | PGPException | RuntimeException e) {
      return PythonScripts.error("RuntimeError", "gpg failed: gpg: no valid recipient key (" + e.getMessage() + ")");
    }
  }

  /** What gpg --armor --encrypt --recipient-file KEY prints: the message to the key's encryption subkey. */
  private static byte[] encrypt(byte[] armoredKey, byte[] plaintext) throws IOException, PGPException {
    PGPPublicKey key = null;
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armoredKey))) {
      Object ring = new BcPGPObjectFactory(in).nextObject();
      if (ring instanceof PGPPublicKeyRing keys) {
        for (PGPPublicKey k : keys) {
          if (k.isEncryptionKey() && (key == null || key.isMasterKey())) {
            key = k;
          }
        }
      }
    }
    if (key == null) {
      throw new IOException("no encryption key in the recipient file");
    }
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
        new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
            .setSecureRandom(new SecureRandom()));
    generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out);
         OutputStream encrypted = generator.open(armored, new byte[1 << 12]);
         OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "",
             plaintext.length, PGPLiteralData.NOW)) {
      literal.write(plaintext);
    }
    return out.toByteArray();
  }
}
