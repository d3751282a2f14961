package social.chorus.process.notification;

import social.chorus.model.Account;
import social.chorus.model.Notification;
import social.chorus.model.StatusView;

/** A notification with what it is shown with: who did it and, for posts, the post (else null). */
public record NotificationView(Notification notification, Account from, StatusView status) {
}
