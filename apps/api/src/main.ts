import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';


@Controller()
class C { @Get('health') h() { return { ok: 'x' }; } }
@Module({ controllers: [C] })
class M {}
async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(M, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  console.log(await (await fetch(url + '/health')).text());
  await app.close();
}
void main();
