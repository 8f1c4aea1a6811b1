"""Order confirmations over SMTP."""

import os
import smtplib
from email.message import EmailMessage

SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))


def send_confirmation(to: str, order_id: str) -> None:
    message = EmailMessage()
    message["From"] = os.environ.get("SMTP_USER", "orders@example.com")
    message["To"] = to
    message["Subject"] = f"Order {order_id} confirmed"
    message.set_content(f"Thanks! Your order {order_id} is on its way.")
    with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=10) as smtp:
        smtp.starttls()
        smtp.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])
        smtp.send_message(message)
