"""Tencent Cloud's and Alibaba Cloud's SMS SDKs name the SMS product, not the umbrella
cloud API, so an app that sends text messages through them reports an SMS provider."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write


def test_the_qcloudsms_sdk_is_tencent_sms(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pom.xml": "<project><dependencies><dependency><groupId>com.github.qcloudsms</groupId>"
            "<artifactId>qcloudsms</artifactId><version>1.0.6</version></dependency>"
            "</dependencies></project>\n",
            "src/main/java/shop/Texts.java": "package shop;\n\n"
            "import com.github.qcloudsms.SmsSingleSender;\n\n"
            "class Texts {\n"
            "    void send(String phone) throws Exception {\n"
            '        new SmsSingleSender(1400000001, "k").send(0, "86", phone, "hi", "", "");\n'
            "    }\n"
            "}\n",
        },
    )
    found = scan(tmp_path)
    assert found["tencent-sms"].category == "sms"
    assert "tencent-cloud" not in found


def test_the_dysmsapi_sdk_is_aliyun_sms_beside_the_cloud_core(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/texts.py": "from aliyunsdkcore.client import AcsClient\n"
            "from aliyunsdkdysmsapi.request.v20170525.SendSmsRequest import SendSmsRequest\n\n"
            "client = AcsClient('id', 'secret', 'cn-hangzhou')\n"
            "client.do_action_with_exception(SendSmsRequest())\n",
        },
    )
    found = scan(tmp_path)
    assert found["aliyun-sms"].category == "sms"
    assert [e.line for e in found["aliyun-sms"].evidence if e.kind == "import"] == [2]
