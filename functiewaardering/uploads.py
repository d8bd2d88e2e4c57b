"""Uploads stay in memory and are never written to disk, whatever their size.

Django writes an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file. This handler
keeps at most that many bytes, counts and drops the rest, and reports the true size, so the form
refuses an oversized file with its own Dutch message ("groter dan 2 MB") and keeps what the user
typed, while no request can fill memory or disk with a file.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers


class BoundedMemoryUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.kept = 0
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        room = settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1 - self.kept
        if room > 0:
            piece = raw_data[:room]
            self.file.write(piece)
            self.kept += len(piece)
        return None

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file, field_name=self.field_name, name=self.file_name, content_type=self.content_type,
            size=file_size, charset=self.charset, content_type_extra=self.content_type_extra,
        )
