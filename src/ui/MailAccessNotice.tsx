import { useEffect, useState } from "preact/hooks";
import {
  MAIL_ACCESS_PATTERNS,
  missingAccessText,
  missingMailAccess,
  type MissingMailAccess,
} from "../guard/mail-access";
import { grantedHostPatterns, onPermissionsChanged, requestHostPermissions } from "../platform/extension";

/**
 * Says plainly when the send guard cannot see a mail site because its permission was taken away, and asks
 * for it again from the teacher's click. Gone as soon as the permission is back, however it came back.
 */
export function MailAccessNotice() {
  const [missing, setMissing] = useState<MissingMailAccess[]>([]);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    let live = true;
    const check = () =>
      void grantedHostPatterns(MAIL_ACCESS_PATTERNS).then(
        (granted) => live && setMissing(missingMailAccess(granted)),
        () => undefined,
      );
    check();
    const stopListening = onPermissionsChanged(check);
    // A change made on the browser's own extensions page shows when the teacher comes back to this one.
    window.addEventListener("focus", check);
    return () => {
      live = false;
      stopListening();
      window.removeEventListener("focus", check);
    };
  }, []);

  if (missing.length === 0) return null;

  function grant() {
    setRefused(false);
    // Asked straight from the click: the browser allows a permission prompt only then.
    requestHostPermissions(missing.flatMap((m) => m.patterns)).then(
      (granted) => setRefused(!granted),
      () => setRefused(true),
    );
  }

  return (
    <section class="wh-card wh-access" role="alert" data-testid="mail-access">
      {missing.map((m) => (
        <p key={m.site}>
          <strong>{missingAccessText(m)}</strong>
        </p>
      ))}
      <p class="wh-muted">Until it is granted, emails sent there are not checked against your hours.</p>
      <button type="button" class="wh-primary" onClick={grant}>
        Grant
      </button>
      {refused && (
        <p class="wh-error">The browser did not grant it; the guard still cannot see these sites.</p>
      )}
    </section>
  );
}
