// `npm run keys:rotate`: makes a new certificate signing key the active one (see rotateSigningKey
// in app/certificates/keys.server.ts). Certificates signed before keep verifying: the JWKS and the
// verifier keep every retired public key.
import { rotateSigningKey } from "~/certificates/keys.server";
import { db } from "~/db/db.server";

const rotation = await rotateSigningKey(db);
await db.$disconnect();
if (rotation.configuredBy === "file") {
  console.log(`New signing key ${rotation.kid} written to ${rotation.file} (replacing ${rotation.previousKid}).`);
  console.log("Running servers that read this file sign with it from their next certificate; no restart needed.");
} else {
  console.log(
    `The signing key comes from CERT_SIGNING_KEY (${rotation.previousKid}), which this command cannot change.`,
  );
  console.log(`A new key, ${rotation.kid}, is recorded and already published in the JWKS. To make it the active one,`);
  console.log(
    "set these two variables on every server (a secret store, not a file in the repository) and restart them:",
  );
  console.log("");
  console.log(`CERT_SIGNING_KEY_ID=${rotation.kid}`);
  console.log(`CERT_SIGNING_KEY="${rotation.pem.trim().replace(/\n/g, "\\n")}"`);
  console.log("");
  console.log(`Certificates signed with ${rotation.previousKid} keep verifying. This key is shown once: keep it now.`);
}
