// Transactional email through SendGrid.
import sgMail from "@sendgrid/mail";

sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? "");
const FROM = process.env.MAIL_FROM ?? "orders@example.com";

export async function sendShippedEmail(to: string, orderId: string): Promise<void> {
  try {
    await sgMail.send({
      to,
      from: FROM,
      subject: `Order ${orderId} shipped`,
      text: `Your order ${orderId} has shipped.`,
    });
  } catch (err) {
    // Logged and dropped: the customer never gets the email.
    console.error("sendgrid failed", err);
  }
}
