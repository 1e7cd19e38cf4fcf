/**
 * Sending e-mail: {@link org.paperboy.mail.MailMessage} values, the {@link org.paperboy.mail.Mailer}
 * capability, its SMTP implementation and a development mailer that prints instead of sending.
 * Arguments and results are never {@code null} except {@link org.paperboy.mail.MailMessage#htmlBody()}
 * and the optional SMTP credentials; a {@code null} argument fails fast with a
 * {@link NullPointerException} naming it.
 */
package org.paperboy.mail;
