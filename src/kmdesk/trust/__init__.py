"""Who signed a bundle: this installation's key pair, key files and fingerprints (Ed25519)."""
