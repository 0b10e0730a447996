"""ID card reading (PP-OCRv5, offline) and face verification (dlib) for the certification flow.

Sync functions, thread-safe (models load once per process, guarded by locks): run them in an
executor. Models: `python -m vision.setup_models` puts them under var/models/.

    reading = read_card(path_or_bytes)         # CardReading; .problem None when read
    codes = check_card(reading, typed_id, typed_name)
    result = verify_face(card, photo, portrait_box=reading.portrait_box)  # FaceResult
"""

from vision.crosscheck import check_card
from vision.faces import FaceResult, verify_face
from vision.reader import CardReading, read_card

# Every `problem` / mismatch code the package returns, with a suggested reply for seniors.
PROBLEMS = {
    "file_missing": "没有收到照片，请再发一次。",
    "file_too_large": "照片太大了，发不过来。请用手机相机直接拍一张再发，不用选“原图”。",
    "not_an_image": "收到的好像不是照片，请拍一张身份证的照片发过来。",
    "image_damaged": "照片没有传完整，打不开。请再发一次。",
    "too_small": "身份证在照片里太小了，请把手机靠近一些，让身份证占满大半个画面。",
    "too_dark": "照片太暗了，请到亮一点的地方，或者打开灯再拍一张。",
    "too_blurry": "照片有点模糊，请把手机拿稳，等画面清楚了再拍。",
    "screen_photo": "这张像是对着屏幕拍的。请把身份证原件放在桌上直接拍，不要翻拍手机或电脑屏幕。",
    "no_card_found": "照片里没有找到身份证。请把身份证有照片的一面平放在桌上，靠近一些、对准了再拍。",
    "card_back": "这是身份证的背面（国徽面）。请翻过来，拍有照片和名字的那一面。",
    "fields_unreadable": "身份证上有些字看不清，请避开反光，正对着身份证再拍一张。",
    "no_face_in_photo": "这张照片里没有看到人脸。请正对着镜头，露出整张脸再拍一张。",
    "several_faces": "照片里有好几个人，请只让老人一个人入镜，再拍一张。",
    "no_portrait_on_card": "身份证上的头像没有看清，请重新拍一张身份证有照片的一面。",
    "card_file_missing": "没有收到身份证照片，请先发身份证的照片。",
    "card_file_too_large": "身份证照片太大了，请用手机相机直接拍一张再发。",
    "card_not_an_image": "身份证那张好像不是照片，请重新拍一张身份证。",
    "card_image_damaged": "身份证照片没有传完整，请再发一次。",
    # check_card mismatch codes
    "id_missing": "没有看清身份证号码，请再拍一张，让号码清楚一些。",
    "id_invalid": "身份证号码好像没看对，请再拍一张，或者直接把号码打字发给我。",
    "id_check_digit_bad": "身份证号码好像没看对，请再拍一张，或者直接把号码打字发给我。",
    "birth_date_mismatch": "出生日期和身份证号码对不上，我们请工作人员帮您核对一下。",
    "sex_mismatch": "性别和身份证号码对不上，我们请工作人员帮您核对一下。",
    "typed_id_mismatch": "照片上的身份证号码和您发的号码不一样，请核对一下是不是同一个人的身份证。",
    "typed_name_mismatch": "照片上的名字和您说的名字不一样，请核对一下是不是同一个人的身份证。",
}

# Face decisions (not problems), with a suggested reply.
DECISIONS = {
    "match": "人脸核对通过了，谢谢您的配合。",
    "review": (
        "照片我们收到了。身份证上的照片有些年头了，需要工作人员再看一下，结果会通知您，请放心。"
    ),
    "no_match": "照片和身份证上的头像不太像。请老人本人正对镜头再拍一张；如果还是不行，工作人员会联系您。",  # noqa: E501
}

__all__ = ["DECISIONS", "PROBLEMS", "CardReading", "FaceResult", "check_card", "read_card",
           "verify_face"]
