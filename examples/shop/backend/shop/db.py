"""Orders live in PostgreSQL, reached through SQLAlchemy and psycopg 3."""

import os

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

DATABASE_URL = os.environ["DATABASE_URL"]

# pool_pre_ping drops dead connections; connect_timeout bounds a hung connect.
engine = create_engine(
    DATABASE_URL,
    pool_size=10,
    max_overflow=5,
    pool_pre_ping=True,
    connect_args={"connect_timeout": 5},
)
Session = sessionmaker(bind=engine)


def save_order(order_id: str, email: str, amount_cents: int) -> None:
    with Session.begin() as session:
        session.execute(
            text("INSERT INTO orders (id, email, amount_cents) VALUES (:id, :email, :amount)"),
            {"id": order_id, "email": email, "amount": amount_cents},
        )


def healthy() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
