package io.dbsync.crypto;

import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The secret key that reads what {@link PgpRecipient} (or gpg) encrypted (import --decrypt-with):
 * every secret key ring of a key file, unlocked with a passphrase on use. Only integrity-protected
 * messages are accepted.
 */
public final class PgpDecryptionKey {
  private final PGPSecretKeyRingCollection rings;
  private final char[] passphrase;
  private final String source;

  private PgpDecryptionKey(PGPSecretKeyRingCollection rings, char[] passphrase, String source) {
    this.rings = rings;
    this.passphrase = passphrase == null ? new char[0] : passphrase.clone();
    this.source = source;
  }

  /** The secret keys of a file ({@code gpg --armor --export-secret-keys}); passphrase null for an unprotected key. */
  public static PgpDecryptionKey read(Path file, char[] passphrase) throws PgpException {
    return parse(PgpKeyRings.readFile(file, "secret key file"), passphrase, file.toString());
  }

  public static PgpDecryptionKey parse(byte[] keyFile, char[] passphrase, String source) throws PgpException {
    return new PgpDecryptionKey(PgpKeyRings.secretRings(keyFile, source), passphrase, source);
  }

  /** The plaintext of a message (binary or armored) encrypted to one of the keys. */
  public byte[] decrypt(byte[] message) throws PgpException {
    try {
      PGPEncryptedDataList list = encryptedData(PgpArmor.dearmor(message));
      List<String> recipients = new ArrayList<>();
      for (PGPEncryptedData data : list) {
        if (!(data instanceof PGPPublicKeyEncryptedData pk)) {
          continue;
        }
        long keyId = pk.getKeyIdentifier().getKeyId();
        PGPSecretKey secret = keyId == 0 ? null : rings.getSecretKey(keyId);
        if (secret == null) {
          recipients.add(Long.toHexString(keyId).toUpperCase(Locale.ROOT));
          continue;
        }
        return read(pk, new PGPKeyPair(secret.getPublicKey(), unlock(secret)));
      }
      throw new PgpException("the message is not encrypted to a key of " + source
          + (recipients.isEmpty() ? "" : " (it is for key id " + String.join(", ", recipients) + ")"));
    } catch (PGPException | IOException | RuntimeException e) {
      if (e instanceof PgpException p) {
        throw p;
      }
      throw new PgpException("cannot decrypt: " + e.getMessage(), e);
    }
  }

  private PGPPrivateKey unlock(PGPSecretKey secret) throws PgpException {
    try {
      return secret.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
          .build(passphrase));
    } catch (PGPException e) {
      throw new PgpException("cannot unlock the secret key of " + source + " (wrong or missing passphrase?)", e);
    }
  }

  private static PGPEncryptedDataList encryptedData(byte[] binary) throws IOException, PgpException {
    BcPGPObjectFactory factory = new BcPGPObjectFactory(binary);
    Object o = factory.nextObject();
    while (o instanceof PGPMarker) {
      o = factory.nextObject();
    }
    if (o instanceof PGPEncryptedDataList list) {
      return list;
    }
    throw new PgpException("not an encrypted OpenPGP message");
  }

  private static byte[] read(PGPPublicKeyEncryptedData data, PGPKeyPair key) throws PGPException, IOException {
    if (!data.isIntegrityProtected()) {
      throw new PgpException("the message has no integrity protection; refused");
    }
    byte[] plaintext;
    try (InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(key))) {
      Object o = new BcPGPObjectFactory(clear).nextObject();
      if (o instanceof PGPCompressedData compressed) {
        o = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
      }
      if (!(o instanceof PGPLiteralData literal)) {
        throw new PgpException("the message holds no literal data");
      }
      try (InputStream content = literal.getInputStream()) {
        plaintext = content.readAllBytes();
      }
    }
    if (!data.verify()) {
      throw new PgpException("the message failed its integrity check");
    }
    return plaintext;
  }
}
