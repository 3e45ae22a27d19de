package io.dbsync.crypto;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Reading key files (armored or binary, as gpg --export / --export-secret-keys write them) and choosing keys. */
final class PgpKeyRings {
  private PgpKeyRings() {}

  static byte[] readFile(Path file, String what) throws PgpException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PgpException(what + " not found: " + file);
    } catch (IOException e) {
      throw new PgpException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** The first key ring of the bytes as a public key ring (a secret key ring gives its public keys). */
  static PGPPublicKeyRing publicRing(byte[] bytes, String source) throws PgpException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      Object o = new BcPGPObjectFactory(in).nextObject();
      if (o instanceof PGPPublicKeyRing ring) {
        return ring;
      }
      if (o instanceof PGPSecretKeyRing secret) {
        List<PGPPublicKey> keys = new ArrayList<>();
        secret.getPublicKeys().forEachRemaining(keys::add);
        return new PGPPublicKeyRing(keys);
      }
    } catch (IOException | RuntimeException e) {
      throw new PgpException(source + " is not an OpenPGP key file: " + e.getMessage(), e);
    }
    throw new PgpException(source + " holds no OpenPGP public key (export one with: gpg --armor --export KEY > FILE.asc)");
  }

  static PGPSecretKeyRingCollection secretRings(byte[] bytes, String source) throws PgpException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
      if (rings.size() == 0) {
        throw new PgpException(source + " holds no OpenPGP secret key (export one with: gpg --armor --export-secret-keys KEY)");
      }
      return rings;
    } catch (IOException | PGPException | RuntimeException e) {
      if (e instanceof PgpException p) {
        throw p;
      }
      throw new PgpException(source + " is not an OpenPGP secret key file: " + e.getMessage(), e);
    }
  }

  /**
   * The key to encrypt to: a valid (not revoked, not expired) key whose algorithm can encrypt and
   * whose self-signatures, when they say, allow encryption; a subkey rather than the primary key.
   */
  static Optional<PGPPublicKey> encryptionKey(PGPPublicKeyRing ring) {
    PGPPublicKey chosen = null;
    for (PGPPublicKey k : ring) {
      if (!k.isEncryptionKey() || k.hasRevocation() || expired(k)) {
        continue;
      }
      Integer flags = keyFlags(k);
      if (flags != null && (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) == 0) {
        continue;
      }
      if (chosen == null || (chosen.isMasterKey() && !k.isMasterKey())) {
        chosen = k;
      }
    }
    return Optional.ofNullable(chosen);
  }

  /** The key flags the key's signatures state, or null when none states any. */
  private static Integer keyFlags(PGPPublicKey k) {
    Integer flags = null;
    for (Iterator<PGPSignature> it = k.getSignatures(); it.hasNext(); ) {
      PGPSignatureSubpacketVector hashed = it.next().getHashedSubPackets();
      if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
        flags = (flags == null ? 0 : flags) | hashed.getKeyFlags();
      }
    }
    return flags;
  }

  private static boolean expired(PGPPublicKey k) {
    long valid = k.getValidSeconds();
    return valid > 0 && k.getCreationTime().toInstant().plusSeconds(valid).isBefore(Instant.now());
  }
}
