from app import db, ui
