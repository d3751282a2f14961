package social.chorus.federation.inbox;

import java.util.Optional;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.model.Account;

/**
 * One verified inbound activity: the signer is the activity's actor (checked before any handler
 * runs), and {@code inboxOwner} is the local account whose personal inbox it came to, if any.
 */
record Inbound(AsActivity activity, Account sender, Optional<Account> inboxOwner) {
}
