package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The Python that reads a scope's secret values where the Secrets API gives them to admins only: run
 * on a cluster of the source as the exporting principal, it reads each value with
 * dbutils.secrets.get (READ on the scope suffices) and returns only ciphertext: the plaintext
 * document goes straight into gpg (on Databricks Runtime images) encrypting to the export's public
 * key, which the script carries. What comes back is what {@link SecretValueFiles} stores. The spec
 * (scope, keys, variables, key) travels base64-encoded so that no name can break out of a string.
 */
final class SecretValuesCommand {
  private SecretValuesCommand() {}

  static String script(String scope, List<SecretValueFiles.Secret> secrets, byte[] armoredPublicKey)
      throws IOException {
    ObjectNode spec = TfJson.object().put("scope", scope);
    ArrayNode items = spec.putArray("secrets");
    secrets.forEach(s -> items.addObject().put("key", s.key()).put("variable", s.variable()));
    spec.put("recipient", new String(armoredPublicKey, StandardCharsets.US_ASCII));
    String encoded = Base64.getEncoder().encodeToString(TfJson.MAPPER.writeValueAsBytes(spec));
    return """
        import base64, json, os, subprocess, tempfile
        spec = json.loads(base64.b64decode("%s").decode("utf-8"))
        document = {"scope": spec["scope"], "secrets": [{"key": s["key"], "variable": s["variable"], "value": dbutils.secrets.get(spec["scope"], s["key"])} for s in spec["secrets"]]}
        with tempfile.TemporaryDirectory() as home:
            recipient = os.path.join(home, "recipient.asc")
            with open(recipient, "w") as f:
                f.write(spec["recipient"])
            gpg = subprocess.run(["gpg", "--homedir", home, "--batch", "--no-tty", "--quiet", "--armor", "--trust-model", "always", "--recipient-file", recipient, "--encrypt"], input=json.dumps(document).encode("utf-8"), capture_output=True)
        document = None
        if gpg.returncode != 0:
            raise RuntimeError("gpg failed: " + gpg.stderr.decode("utf-8", "replace"))
        print(gpg.stdout.decode("ascii"))
        """.formatted(encoded);
  }
}
