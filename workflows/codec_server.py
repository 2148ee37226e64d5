"""Codec server: lets authorised operators read encrypted journey payloads in the Temporal UI.

`python -m workflows.codec_server`; the UI of `make run` is started with
`--ui-codec-endpoint` pointing here. The browser calls it directly, so CORS admits
only the UI's origin.
"""

from __future__ import annotations

from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from google.protobuf import json_format
from pydantic_settings import BaseSettings, SettingsConfigDict
from temporalio.api.common.v1 import Payloads

from workflows.codec import EncryptionCodec, load_key


class CodecSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOTSE_CODEC_")
    key_file: Path
    cors_origins: list[str] = ["http://127.0.0.1:8233", "http://localhost:8233"]
    host: str = "127.0.0.1"
    port: int = 8081


def create_app(settings: CodecSettings) -> FastAPI:
    codec = EncryptionCodec(load_key(settings.key_file))
    app = FastAPI(title="Lotse payload codec", version="1")
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["POST"],
                       allow_headers=["content-type", "x-namespace", "authorization"])

    async def transform(request: Request, decode: bool) -> Response:
        payloads = json_format.Parse(await request.body(), Payloads())
        result = await (codec.decode if decode else codec.encode)(list(payloads.payloads))
        return Response(json_format.MessageToJson(Payloads(payloads=result)), media_type="application/json")

    @app.post("/decode")
    async def decode(request: Request) -> Response:
        return await transform(request, decode=True)

    @app.post("/encode")
    async def encode(request: Request) -> Response:
        return await transform(request, decode=False)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main() -> None:
    settings = CodecSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
